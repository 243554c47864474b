from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.stream_response import StreamResponse





T = TypeVar("T", bound="StreamList")



@_attrs_define
class StreamList:
    """ 
        Attributes:
            streams (list[StreamResponse]):
     """

    streams: list[StreamResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stream_response import StreamResponse # noqa: PLC0415
        streams = []
        for streams_item_data in self.streams:
            streams_item = streams_item_data.to_dict()
            streams.append(streams_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "streams": streams,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stream_response import StreamResponse # noqa: PLC0415
        d = dict(src_dict)
        streams = []
        _streams = d.pop("streams")
        for streams_item_data in (_streams):
            streams_item = StreamResponse.from_dict(streams_item_data)



            streams.append(streams_item)


        stream_list = cls(
            streams=streams,
        )


        stream_list.additional_properties = d
        return stream_list

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
