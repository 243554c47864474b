from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.result_format import ResultFormat
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RunQueryRequest")



@_attrs_define
class RunQueryRequest:
    """ 
        Attributes:
            sql (str): One `SELECT` (or `EXPLAIN SELECT`); tables are named `database.table`.
            format_ (ResultFormat | Unset): The encoding of a query result.
            max_rows (int | None | Unset): Stop after this many rows.
     """

    sql: str
    format_: ResultFormat | Unset = UNSET
    max_rows: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        sql = self.sql

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value


        max_rows: int | None | Unset
        if isinstance(self.max_rows, Unset):
            max_rows = UNSET
        else:
            max_rows = self.max_rows


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "sql": sql,
        })
        if format_ is not UNSET:
            field_dict["format"] = format_
        if max_rows is not UNSET:
            field_dict["max_rows"] = max_rows

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sql = d.pop("sql")

        _format_ = d.pop("format", UNSET)
        format_: ResultFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = ResultFormat(_format_)




        def _parse_max_rows(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_rows = _parse_max_rows(d.pop("max_rows", UNSET))


        run_query_request = cls(
            sql=sql,
            format_=format_,
            max_rows=max_rows,
        )

        return run_query_request

