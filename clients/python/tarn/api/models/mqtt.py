from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Mqtt")



@_attrs_define
class Mqtt:
    """ 
        Attributes:
            topic (str):
            url (str): `mqtt://host:port`
     """

    topic: str
    url: str





    def to_dict(self) -> dict[str, Any]:
        topic = self.topic

        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "topic": topic,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        topic = d.pop("topic")

        url = d.pop("url")

        mqtt = cls(
            topic=topic,
            url=url,
        )

        return mqtt

