from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.zone import Zone
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.column import Column





T = TypeVar("T", bound="StreamTableSchema")



@_attrs_define
class StreamTableSchema:
    """ The target table's columns, when the stream is to create it.

        Attributes:
            columns (list[Column]):
            partition_keys (list[Column] | Unset): Partition keys: record fields, or `year`, `month`, `day`, `hour` of the
                record's time.
            zone (Zone | Unset):
     """

    columns: list[Column]
    partition_keys: list[Column] | Unset = UNSET
    zone: Zone | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.column import Column # noqa: PLC0415
        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)



        partition_keys: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.partition_keys, Unset):
            partition_keys = []
            for partition_keys_item_data in self.partition_keys:
                partition_keys_item = partition_keys_item_data.to_dict()
                partition_keys.append(partition_keys_item)



        zone: str | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = self.zone.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "columns": columns,
        })
        if partition_keys is not UNSET:
            field_dict["partition_keys"] = partition_keys
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column import Column # noqa: PLC0415
        d = dict(src_dict)
        columns = []
        _columns = d.pop("columns")
        for columns_item_data in (_columns):
            columns_item = Column.from_dict(columns_item_data)



            columns.append(columns_item)


        _partition_keys = d.pop("partition_keys", UNSET)
        partition_keys: list[Column] | Unset = UNSET
        if _partition_keys is not UNSET:
            partition_keys = []
            for partition_keys_item_data in _partition_keys:
                partition_keys_item = Column.from_dict(partition_keys_item_data)



                partition_keys.append(partition_keys_item)


        _zone = d.pop("zone", UNSET)
        zone: Zone | Unset
        if isinstance(_zone,  Unset):
            zone = UNSET
        else:
            zone = Zone(_zone)




        stream_table_schema = cls(
            columns=columns,
            partition_keys=partition_keys,
            zone=zone,
        )

        return stream_table_schema

