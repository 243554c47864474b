from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ResourceDatabase")



@_attrs_define
class ResourceDatabase:
    """ 
        Attributes:
            database (str):
     """

    database: str





    def to_dict(self) -> dict[str, Any]:
        database = self.database


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "database": database,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database")

        resource_database = cls(
            database=database,
        )

        return resource_database

