from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CreateTagKeyRequest")



@_attrs_define
class CreateTagKeyRequest:
    """ 
        Attributes:
            key (str): Lowercase `[a-z][a-z0-9_]*`.
            values (list[str]): The values resources may carry for this key.
            description (None | str | Unset):
     """

    key: str
    values: list[str]
    description: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        values = self.values



        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "key": key,
            "values": values,
        })
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        values = cast(list[str], d.pop("values"))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        create_tag_key_request = cls(
            key=key,
            values=values,
            description=description,
        )

        return create_tag_key_request

