from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.resource_tags_column_tags import ResourceTagsColumnTags
  from ..models.resource_tags_tags import ResourceTagsTags





T = TypeVar("T", bound="ResourceTags")



@_attrs_define
class ResourceTags:
    """ 
        Attributes:
            column_tags (ResourceTagsColumnTags | Unset): column -> (key -> value); tables only. Columns not named lose
                their tags.
            tags (ResourceTagsTags | Unset): key -> value, replacing the resource's tags.
     """

    column_tags: ResourceTagsColumnTags | Unset = UNSET
    tags: ResourceTagsTags | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_tags_column_tags import ResourceTagsColumnTags # noqa: PLC0415
        from ..models.resource_tags_tags import ResourceTagsTags # noqa: PLC0415
        column_tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.column_tags, Unset):
            column_tags = self.column_tags.to_dict()

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if column_tags is not UNSET:
            field_dict["column_tags"] = column_tags
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resource_tags_column_tags import ResourceTagsColumnTags # noqa: PLC0415
        from ..models.resource_tags_tags import ResourceTagsTags # noqa: PLC0415
        d = dict(src_dict)
        _column_tags = d.pop("column_tags", UNSET)
        column_tags: ResourceTagsColumnTags | Unset
        if isinstance(_column_tags,  Unset):
            column_tags = UNSET
        else:
            column_tags = ResourceTagsColumnTags.from_dict(_column_tags)




        _tags = d.pop("tags", UNSET)
        tags: ResourceTagsTags | Unset
        if isinstance(_tags,  Unset):
            tags = UNSET
        else:
            tags = ResourceTagsTags.from_dict(_tags)




        resource_tags = cls(
            column_tags=column_tags,
            tags=tags,
        )

        return resource_tags

