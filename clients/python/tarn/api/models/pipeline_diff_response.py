from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_change_response import PipelineChangeResponse





T = TypeVar("T", bound="PipelineDiffResponse")



@_attrs_define
class PipelineDiffResponse:
    """ 
        Attributes:
            changes (list[PipelineChangeResponse]):
            from_version (int):
            to_version (int):
     """

    changes: list[PipelineChangeResponse]
    from_version: int
    to_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_change_response import PipelineChangeResponse # noqa: PLC0415
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)



        from_version = self.from_version

        to_version = self.to_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "changes": changes,
            "from_version": from_version,
            "to_version": to_version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_change_response import PipelineChangeResponse # noqa: PLC0415
        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in (_changes):
            changes_item = PipelineChangeResponse.from_dict(changes_item_data)



            changes.append(changes_item)


        from_version = d.pop("from_version")

        to_version = d.pop("to_version")

        pipeline_diff_response = cls(
            changes=changes,
            from_version=from_version,
            to_version=to_version,
        )


        pipeline_diff_response.additional_properties = d
        return pipeline_diff_response

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
