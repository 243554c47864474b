from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DataFilterResponse")



@_attrs_define
class DataFilterResponse:
    """ 
        Attributes:
            created_by (str):
            database (str):
            name (str):
            table (str):
            columns (list[str] | None | Unset):
            excluded_columns (list[str] | None | Unset):
            row_filter (None | str | Unset):
     """

    created_by: str
    database: str
    name: str
    table: str
    columns: list[str] | None | Unset = UNSET
    excluded_columns: list[str] | None | Unset = UNSET
    row_filter: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_by = self.created_by

        database = self.database

        name = self.name

        table = self.table

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
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_by": created_by,
            "database": database,
            "name": name,
            "table": table,
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
        created_by = d.pop("created_by")

        database = d.pop("database")

        name = d.pop("name")

        table = d.pop("table")

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


        data_filter_response = cls(
            created_by=created_by,
            database=database,
            name=name,
            table=table,
            columns=columns,
            excluded_columns=excluded_columns,
            row_filter=row_filter,
        )


        data_filter_response.additional_properties = d
        return data_filter_response

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
