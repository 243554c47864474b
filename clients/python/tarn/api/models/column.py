from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Column")



@_attrs_define
class Column:
    """ 
        Attributes:
            name (str):
            type_ (str): An Arrow data type: `int64`, `utf8`, `decimal(10,2)`, `timestamp(us, UTC)`,
                `list<int32>`, `struct<a: int64, b: utf8>`, `map<utf8, float64>`, ...
            description (None | str | Unset):
            nullable (bool | Unset):
            sensitivity (None | str | Unset): Business sensitivity label, e.g. `public`, `internal`, `pii`.
     """

    name: str
    type_: str
    description: None | str | Unset = UNSET
    nullable: bool | Unset = UNSET
    sensitivity: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        nullable = self.nullable

        sensitivity: None | str | Unset
        if isinstance(self.sensitivity, Unset):
            sensitivity = UNSET
        else:
            sensitivity = self.sensitivity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "type": type_,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if nullable is not UNSET:
            field_dict["nullable"] = nullable
        if sensitivity is not UNSET:
            field_dict["sensitivity"] = sensitivity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = d.pop("type")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        nullable = d.pop("nullable", UNSET)

        def _parse_sensitivity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sensitivity = _parse_sensitivity(d.pop("sensitivity", UNSET))


        column = cls(
            name=name,
            type_=type_,
            description=description,
            nullable=nullable,
            sensitivity=sensitivity,
        )

        return column

