from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="QueryResponse")



@_attrs_define
class QueryResponse:
    """ 
        Attributes:
            bytes_scanned (int):
            duration_ms (int):
            id (str):
            rows (int):
            sql (str):
            started_at (datetime.datetime):
            status (str): `running`, `succeeded`, `failed` or `cancelled`.
            tables (list[str]):
            error (None | str | Unset):
            finished_at (datetime.datetime | None | Unset):
     """

    bytes_scanned: int
    duration_ms: int
    id: str
    rows: int
    sql: str
    started_at: datetime.datetime
    status: str
    tables: list[str]
    error: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        bytes_scanned = self.bytes_scanned

        duration_ms = self.duration_ms

        id = self.id

        rows = self.rows

        sql = self.sql

        started_at = self.started_at.isoformat()

        status = self.status

        tables = self.tables



        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "bytes_scanned": bytes_scanned,
            "duration_ms": duration_ms,
            "id": id,
            "rows": rows,
            "sql": sql,
            "started_at": started_at,
            "status": status,
            "tables": tables,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bytes_scanned = d.pop("bytes_scanned")

        duration_ms = d.pop("duration_ms")

        id = d.pop("id")

        rows = d.pop("rows")

        sql = d.pop("sql")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        status = d.pop("status")

        tables = cast(list[str], d.pop("tables"))


        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))


        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))


        query_response = cls(
            bytes_scanned=bytes_scanned,
            duration_ms=duration_ms,
            id=id,
            rows=rows,
            sql=sql,
            started_at=started_at,
            status=status,
            tables=tables,
            error=error,
            finished_at=finished_at,
        )


        query_response.additional_properties = d
        return query_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
