from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CreateUserRequest")



@_attrs_define
class CreateUserRequest:
    """ 
        Attributes:
            name (str):
            password (str): At least 8 characters.
            description (None | str | Unset):
            is_admin (bool | Unset):
     """

    name: str
    password: str
    description: None | str | Unset = UNSET
    is_admin: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        password = self.password

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        is_admin = self.is_admin


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "password": password,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if is_admin is not UNSET:
            field_dict["is_admin"] = is_admin

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        password = d.pop("password")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        is_admin = d.pop("is_admin", UNSET)

        create_user_request = cls(
            name=name,
            password=password,
            description=description,
            is_admin=is_admin,
        )

        return create_user_request

