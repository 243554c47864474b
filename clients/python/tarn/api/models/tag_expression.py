from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tag_resource_type import TagResourceType
from typing import cast

if TYPE_CHECKING:
  from ..models.tag_expression_tags import TagExpressionTags





T = TypeVar("T", bound="TagExpression")



@_attrs_define
class TagExpression:
    """ 
        Attributes:
            resource_type (TagResourceType):
            tags (TagExpressionTags): Every key must have one of its listed values.
     """

    resource_type: TagResourceType
    tags: TagExpressionTags





    def to_dict(self) -> dict[str, Any]:
        from ..models.tag_expression_tags import TagExpressionTags # noqa: PLC0415
        resource_type = self.resource_type.value

        tags = self.tags.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "resource_type": resource_type,
            "tags": tags,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tag_expression_tags import TagExpressionTags # noqa: PLC0415
        d = dict(src_dict)
        resource_type = TagResourceType(d.pop("resource_type"))




        tags = TagExpressionTags.from_dict(d.pop("tags"))




        tag_expression = cls(
            resource_type=resource_type,
            tags=tags,
        )

        return tag_expression

