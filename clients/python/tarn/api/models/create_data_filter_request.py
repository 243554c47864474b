from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CreateDataFilterRequest")



@_attrs_define
class CreateDataFilterRequest:
    """ 
        Attributes:
            name (str):
            columns (list[str] | None | Unset): Only these columns.
            excluded_columns (list[str] | None | Unset): Every column but these (including later ones).
            row_filter (None | str | Unset): A SQL boolean expression over the table's columns, e.g. `region = 'EU'`;
                absent: all rows.
     """

    name: str
    columns: list[str] | None | Unset = UNSET
    excluded_columns: list[str] | None | Unset = UNSET
    row_filter: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        columns: list[str] | None | Unset
        if isinstance(self.columns, Unset):
            columns = UNSET
        elif isinstance(self.columns, list):
            columns = self.columns


        else:
            columns = self.columns

        excluded_columns: list[str] | None | Unset
        if isinstance(self.excluded_columns, Unset):
            excluded_columns = UNSET
        elif isinstance(self.excluded_columns, list):
            excluded_columns = self.excluded_columns


        else:
            excluded_columns = self.excluded_columns

        row_filter: None | str | Unset
        if isinstance(self.row_filter, Unset):
            row_filter = UNSET
        else:
            row_filter = self.row_filter


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if columns is not UNSET:
            field_dict["columns"] = columns
        if excluded_columns is not UNSET:
            field_dict["excluded_columns"] = excluded_columns
        if row_filter is not UNSET:
            field_dict["row_filter"] = row_filter

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_columns(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                columns_type_0 = cast(list[str], data)

                return columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        columns = _parse_columns(d.pop("columns", UNSET))


        def _parse_excluded_columns(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                excluded_columns_type_0 = cast(list[str], data)

                return excluded_columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        excluded_columns = _parse_excluded_columns(d.pop("excluded_columns", UNSET))


        def _parse_row_filter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        row_filter = _parse_row_filter(d.pop("row_filter", UNSET))


        create_data_filter_request = cls(
            name=name,
            columns=columns,
            excluded_columns=excluded_columns,
            row_filter=row_filter,
        )

        return create_data_filter_request

