from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.database_tags_column_tags import DatabaseTagsColumnTags
  from ..models.database_tags_tags import DatabaseTagsTags





T = TypeVar("T", bound="DatabaseTags")



@_attrs_define
class DatabaseTags:
    """ The tags of a database (`column_tags` must be empty).

        Attributes:
            column_tags (DatabaseTagsColumnTags | Unset): column -> (key -> value); tables only. Columns not named lose
                their tags.
            tags (DatabaseTagsTags | Unset): key -> value, replacing the resource's tags.
     """

    column_tags: DatabaseTagsColumnTags | Unset = UNSET
    tags: DatabaseTagsTags | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.database_tags_column_tags import DatabaseTagsColumnTags # noqa: PLC0415
        from ..models.database_tags_tags import DatabaseTagsTags # noqa: PLC0415
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
        from ..models.database_tags_column_tags import DatabaseTagsColumnTags # noqa: PLC0415
        from ..models.database_tags_tags import DatabaseTagsTags # noqa: PLC0415
        d = dict(src_dict)
        _column_tags = d.pop("column_tags", UNSET)
        column_tags: DatabaseTagsColumnTags | Unset
        if isinstance(_column_tags,  Unset):
            column_tags = UNSET
        else:
            column_tags = DatabaseTagsColumnTags.from_dict(_column_tags)




        _tags = d.pop("tags", UNSET)
        tags: DatabaseTagsTags | Unset
        if isinstance(_tags,  Unset):
            tags = UNSET
        else:
            tags = DatabaseTagsTags.from_dict(_tags)




        database_tags = cls(
            column_tags=column_tags,
            tags=tags,
        )

        return database_tags

