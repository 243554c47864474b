from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReplayBody")



@_attrs_define
class ReplayBody:
    """ An input of the pipeline and a filter on its partition keys.

        Attributes:
            partitions (str): A partition filter, as `GET .../partitions?filter=` takes.
            table (str): `database.table`
     """

    partitions: str
    table: str





    def to_dict(self) -> dict[str, Any]:
        partitions = self.partitions

        table = self.table


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "partitions": partitions,
            "table": table,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partitions = d.pop("partitions")

        table = d.pop("table")

        replay_body = cls(
            partitions=partitions,
            table=table,
        )

        return replay_body

