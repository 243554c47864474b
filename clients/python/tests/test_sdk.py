"""The Python SDK against a live server: the generated operations and the hand-written layer."""

import io
import time

import pyarrow as pa
import pytest

from tarn import Forbidden, NotFound, PreconditionFailed, Tarn, Unauthenticated
from tarn.api.api.databases import database_create, database_get, database_list
from tarn.api.api.grants import grant_create
from tarn.api.api.principals import user_create
from tarn.api.api.tables import table_create, table_get, table_update
from tarn.api.models import (CreateDatabaseRequest, CreateTableRequest, CreateUserRequest, GrantBody,
                             UpdateTableRequest)

from .conftest import ADMIN_PASSWORD


@pytest.fixture(scope="module")
def admin(server):
    with Tarn(server).login("admin", ADMIN_PASSWORD) as lake:
        yield lake


@pytest.fixture(scope="module")
def orders(admin):
    """sales.orders (csv: id, amount, customer) with three rows uploaded."""
    admin.call(database_create, body=CreateDatabaseRequest(name="sales", description="Sales data"))
    definition = {"name": "orders", "format": "csv", "description": "Orders",
                  "columns": [{"name": "id", "type": "Int64"}, {"name": "amount", "type": "Float64"},
                              {"name": "customer", "type": "Utf8"}]}
    admin.call(table_create, db="sales", body=CreateTableRequest.from_dict(definition))
    csv = b"id,amount,customer\n1,10.5,ann\n2,20.0,bob\n3,7.25,cy\n"
    sent = []
    admin.upload(io.BytesIO(csv), "sales", "orders", name="part-0.csv", progress=lambda n, total: sent.append(n))
    assert sent and sent[-1] == len(csv)
    return "sales.orders"


def test_login_refuses_a_wrong_password_with_its_code(server):
    with pytest.raises(Unauthenticated) as refused:
        Tarn(server).login("admin", "not-the-password")
    assert refused.value.code == "invalid_credentials"
    assert refused.value.status == 401


def test_lists_are_iterated_across_pages(admin):
    for name in ("p_one", "p_two", "p_three"):
        admin.call(database_create, body=CreateDatabaseRequest(name=name))
    names = [d.name for d in admin.pages(database_list, "databases", max_results=2)]
    assert {"p_one", "p_two", "p_three"} <= set(names)
    assert len(names) == len(set(names))
    assert admin.call(database_get, db="p_two").name == "p_two"


def test_updates_need_the_current_version(admin, orders):
    table = admin.call(table_get, db="sales", table="orders")
    first = table.etag
    updated = admin.call(table_update, db="sales", table="orders", if_match=first,
                         body=UpdateTableRequest.from_dict({"description": "All orders"}))
    assert updated.version == table.version + 1
    assert updated.description == "All orders"
    with pytest.raises(PreconditionFailed) as stale:
        admin.call(table_update, db="sales", table="orders", if_match=first,
                   body=UpdateTableRequest.from_dict({"description": "lost update"}))
    assert stale.value.code == "version_mismatch"


def test_search_finds_the_table(admin, orders):
    # The index follows committed changes within moments: poll for a while.
    deadline = time.monotonic() + 15
    while True:
        found = admin.search("orders")
        if any(hit.table == "orders" and hit.kind == "table" for hit in found.results):
            break
        assert time.monotonic() < deadline, [hit.to_dict() for hit in found.results]
        time.sleep(0.1)


def test_a_query_comes_back_as_an_arrow_table(admin, orders):
    result = admin.query("SELECT id, amount, customer FROM sales.orders ORDER BY id")
    assert isinstance(result, pa.Table)
    assert result.num_rows == 3
    assert result.schema.field("id").type == pa.int64()
    assert result.column("customer").to_pylist() == ["ann", "bob", "cy"]
    assert admin.query("SELECT id FROM sales.orders", max_rows=1).num_rows == 1


def test_grants_limit_what_a_reader_sees(server, admin, orders):
    admin.call(user_create, body=CreateUserRequest(name="ann", password="ann-password-1", is_admin=False))
    with Tarn(server).login("ann", "ann-password-1") as ann:
        with pytest.raises(NotFound):
            ann.call(table_get, db="sales", table="orders")
        grant = {"principal": "user:ann", "privileges": ["SELECT"],
                 "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id", "amount"]}}}
        admin.call(grant_create, body=GrantBody.from_dict(grant))
        result = ann.query("SELECT * FROM sales.orders")
        assert result.column_names == ["id", "amount"]
        with pytest.raises(Forbidden) as refused:
            ann.query("SELECT customer FROM sales.orders")
        assert refused.value.code == "column_not_permitted"


def test_errors_carry_the_problem_document(admin):
    with pytest.raises(NotFound) as missing:
        admin.call(database_get, db="no_such_db")
    assert missing.value.code == "not_found"
    assert missing.value.request_id
    assert missing.value.problem["status"] == 404


def test_duckdb_reads_a_table_through_vended_credentials(admin, orders):
    import duckdb
    files = admin.vended_files("sales", "orders")
    assert files.paths() == ["tarn://sales/orders/part-0.csv"]
    connection = duckdb.connect()
    connection.register_filesystem(files)
    rows = connection.sql(f"SELECT customer, amount FROM read_csv({files.paths()}) ORDER BY id").fetchall()
    assert rows == [("ann", 10.5), ("bob", 20.0), ("cy", 7.25)]
    # The credentials cover that table's folder only.
    with pytest.raises(FileNotFoundError):
        files.info("tarn://sales/other/part-0.csv")
