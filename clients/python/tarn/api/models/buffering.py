from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Buffering")



@_attrs_define
class Buffering:
    """ 
        Attributes:
            interval_seconds (int): Deliver once the oldest record waited this long, 0 to 900 [default: 60].
            size_mib (int): Deliver once this much is buffered, 1 to 128 [default: 5].
     """

    interval_seconds: int
    size_mib: int





    def to_dict(self) -> dict[str, Any]:
        interval_seconds = self.interval_seconds

        size_mib = self.size_mib


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "interval_seconds": interval_seconds,
            "size_mib": size_mib,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        interval_seconds = d.pop("interval_seconds")

        size_mib = d.pop("size_mib")

        buffering = cls(
            interval_seconds=interval_seconds,
            size_mib=size_mib,
        )

        return buffering

