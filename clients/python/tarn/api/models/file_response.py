from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FileResponse")



@_attrs_define
class FileResponse:
    """ 
        Attributes:
            created (bool): False when this exact content was already there under this name.
            location (str): Where the file is, e.g. `s3://bucket/raw/sales/orders/year=2024/orders.csv`.
            path (str): Path within the table's folder, e.g. `year=2024/orders.csv`.
            sha256 (str): Hex SHA-256 of the content.
            size (int):
     """

    created: bool
    location: str
    path: str
    sha256: str
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created = self.created

        location = self.location

        path = self.path

        sha256 = self.sha256

        size = self.size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created": created,
            "location": location,
            "path": path,
            "sha256": sha256,
            "size": size,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created = d.pop("created")

        location = d.pop("location")

        path = d.pop("path")

        sha256 = d.pop("sha256")

        size = d.pop("size")

        file_response = cls(
            created=created,
            location=location,
            path=path,
            sha256=sha256,
            size=size,
        )


        file_response.additional_properties = d
        return file_response

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
