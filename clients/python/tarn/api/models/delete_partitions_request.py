from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.partition_values import PartitionValues





T = TypeVar("T", bound="DeletePartitionsRequest")



@_attrs_define
class DeletePartitionsRequest:
    """ 
        Attributes:
            partitions (list[PartitionValues]): 1 to 1000 partitions, deleted all together or not at all.
     """

    partitions: list[PartitionValues]





    def to_dict(self) -> dict[str, Any]:
        from ..models.partition_values import PartitionValues # noqa: PLC0415
        partitions = []
        for partitions_item_data in self.partitions:
            partitions_item = partitions_item_data.to_dict()
            partitions.append(partitions_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "partitions": partitions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partition_values import PartitionValues # noqa: PLC0415
        d = dict(src_dict)
        partitions = []
        _partitions = d.pop("partitions")
        for partitions_item_data in (_partitions):
            partitions_item = PartitionValues.from_dict(partitions_item_data)



            partitions.append(partitions_item)


        delete_partitions_request = cls(
            partitions=partitions,
        )

        return delete_partitions_request

