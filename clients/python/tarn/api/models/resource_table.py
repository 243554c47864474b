from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.table_resource import TableResource





T = TypeVar("T", bound="ResourceTable")



@_attrs_define
class ResourceTable:
    """ 
        Attributes:
            table (TableResource):
     """

    table: TableResource





    def to_dict(self) -> dict[str, Any]:
        from ..models.table_resource import TableResource # noqa: PLC0415
        table = self.table.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "table": table,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.table_resource import TableResource # noqa: PLC0415
        d = dict(src_dict)
        table = TableResource.from_dict(d.pop("table"))




        resource_table = cls(
            table=table,
        )

        return resource_table

