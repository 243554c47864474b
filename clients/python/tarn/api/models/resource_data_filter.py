from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.data_filter_resource import DataFilterResource





T = TypeVar("T", bound="ResourceDataFilter")



@_attrs_define
class ResourceDataFilter:
    """ 
        Attributes:
            data_filter (DataFilterResource):
     """

    data_filter: DataFilterResource





    def to_dict(self) -> dict[str, Any]:
        from ..models.data_filter_resource import DataFilterResource # noqa: PLC0415
        data_filter = self.data_filter.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "data_filter": data_filter,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.data_filter_resource import DataFilterResource # noqa: PLC0415
        d = dict(src_dict)
        data_filter = DataFilterResource.from_dict(d.pop("data_filter"))




        resource_data_filter = cls(
            data_filter=data_filter,
        )

        return resource_data_filter

