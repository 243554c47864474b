from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.tag_expression import TagExpression





T = TypeVar("T", bound="ResourceTagExpression")



@_attrs_define
class ResourceTagExpression:
    """ 
        Attributes:
            tag_expression (TagExpression):
     """

    tag_expression: TagExpression





    def to_dict(self) -> dict[str, Any]:
        from ..models.tag_expression import TagExpression # noqa: PLC0415
        tag_expression = self.tag_expression.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "tag_expression": tag_expression,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tag_expression import TagExpression # noqa: PLC0415
        d = dict(src_dict)
        tag_expression = TagExpression.from_dict(d.pop("tag_expression"))




        resource_tag_expression = cls(
            tag_expression=tag_expression,
        )

        return resource_tag_expression

