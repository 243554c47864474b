from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DataFilterResource")



@_attrs_define
class DataFilterResource:
    """ 
        Attributes:
            database (str):
            name (str):
            table (str):
     """

    database: str
    name: str
    table: str





    def to_dict(self) -> dict[str, Any]:
        database = self.database

        name = self.name

        table = self.table


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "database": database,
            "name": name,
            "table": table,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database")

        name = d.pop("name")

        table = d.pop("table")

        data_filter_resource = cls(
            database=database,
            name=name,
            table=table,
        )

        return data_filter_resource

