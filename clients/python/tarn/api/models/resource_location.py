from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ResourceLocation")



@_attrs_define
class ResourceLocation:
    """ 
        Attributes:
            location (str):
     """

    location: str





    def to_dict(self) -> dict[str, Any]:
        location = self.location


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "location": location,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        location = d.pop("location")

        resource_location = cls(
            location=location,
        )

        return resource_location

