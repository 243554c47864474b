from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.data_filter_response import DataFilterResponse





T = TypeVar("T", bound="DataFilterList")



@_attrs_define
class DataFilterList:
    """ 
        Attributes:
            data_filters (list[DataFilterResponse]):
     """

    data_filters: list[DataFilterResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.data_filter_response import DataFilterResponse # noqa: PLC0415
        data_filters = []
        for data_filters_item_data in self.data_filters:
            data_filters_item = data_filters_item_data.to_dict()
            data_filters.append(data_filters_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "data_filters": data_filters,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.data_filter_response import DataFilterResponse # noqa: PLC0415
        d = dict(src_dict)
        data_filters = []
        _data_filters = d.pop("data_filters")
        for data_filters_item_data in (_data_filters):
            data_filters_item = DataFilterResponse.from_dict(data_filters_item_data)



            data_filters.append(data_filters_item)


        data_filter_list = cls(
            data_filters=data_filters,
        )


        data_filter_list.additional_properties = d
        return data_filter_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
