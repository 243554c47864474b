from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.tag_key_response import TagKeyResponse





T = TypeVar("T", bound="TagKeyList")



@_attrs_define
class TagKeyList:
    """ 
        Attributes:
            tags (list[TagKeyResponse]):
     """

    tags: list[TagKeyResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tag_key_response import TagKeyResponse # noqa: PLC0415
        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tags": tags,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tag_key_response import TagKeyResponse # noqa: PLC0415
        d = dict(src_dict)
        tags = []
        _tags = d.pop("tags")
        for tags_item_data in (_tags):
            tags_item = TagKeyResponse.from_dict(tags_item_data)



            tags.append(tags_item)


        tag_key_list = cls(
            tags=tags,
        )


        tag_key_list.additional_properties = d
        return tag_key_list

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
