from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.definition import Definition





T = TypeVar("T", bound="VersionResponse")



@_attrs_define
class VersionResponse:
    """ 
        Attributes:
            author (str): The principal whose change created this version.
            created_at (datetime.datetime):
            definition (Definition): A table definition as returned in table and version bodies.
            summary (str): What changed from the previous version.
            version (int):
     """

    author: str
    created_at: datetime.datetime
    definition: Definition
    summary: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.definition import Definition # noqa: PLC0415
        author = self.author

        created_at = self.created_at.isoformat()

        definition = self.definition.to_dict()

        summary = self.summary

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "author": author,
            "created_at": created_at,
            "definition": definition,
            "summary": summary,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition # noqa: PLC0415
        d = dict(src_dict)
        author = d.pop("author")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        definition = Definition.from_dict(d.pop("definition"))




        summary = d.pop("summary")

        version = d.pop("version")

        version_response = cls(
            author=author,
            created_at=created_at,
            definition=definition,
            summary=summary,
            version=version,
        )


        version_response.additional_properties = d
        return version_response

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
