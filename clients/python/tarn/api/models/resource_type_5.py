from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.tag_expression import TagExpression





T = TypeVar("T", bound="ResourceType5")



@_attrs_define
class ResourceType5:
    """ 
        Attributes:
            tag_expression (TagExpression):
     """

    tag_expression: TagExpression
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tag_expression import TagExpression # noqa: PLC0415
        tag_expression = self.tag_expression.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "tag_expression": tag_expression,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tag_expression import TagExpression # noqa: PLC0415
        d = dict(src_dict)
        tag_expression = TagExpression.from_dict(d.pop("tag_expression"))




        resource_type_5 = cls(
            tag_expression=tag_expression,
        )


        resource_type_5.additional_properties = d
        return resource_type_5

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
