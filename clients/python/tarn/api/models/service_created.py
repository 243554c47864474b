from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ServiceCreated")



@_attrs_define
class ServiceCreated:
    """ Returned once, when the service principal is created: the secret is not stored in clear.

        Attributes:
            is_admin (bool):
            kind (str):
            name (str):
            principal (str): `kind:name`, as written in grants.
            client_secret (str):
            client_id (None | str | Unset): Service principals only.
            description (None | str | Unset):
     """

    is_admin: bool
    kind: str
    name: str
    principal: str
    client_secret: str
    client_id: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        is_admin = self.is_admin

        kind = self.kind

        name = self.name

        principal = self.principal

        client_secret = self.client_secret

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "is_admin": is_admin,
            "kind": kind,
            "name": name,
            "principal": principal,
            "client_secret": client_secret,
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_admin = d.pop("is_admin")

        kind = d.pop("kind")

        name = d.pop("name")

        principal = d.pop("principal")

        client_secret = d.pop("client_secret")

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        service_created = cls(
            is_admin=is_admin,
            kind=kind,
            name=name,
            principal=principal,
            client_secret=client_secret,
            client_id=client_id,
            description=description,
        )


        service_created.additional_properties = d
        return service_created

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
