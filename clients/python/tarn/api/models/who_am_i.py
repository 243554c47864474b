from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.role_held import RoleHeld





T = TypeVar("T", bound="WhoAmI")



@_attrs_define
class WhoAmI:
    """ 
        Attributes:
            is_admin (bool): Holds `lake_admin` (itself or through a group).
            kind (str):
            name (str):
            principal (str): `kind:name`, as written in grants.
            roles (list[RoleHeld]): The management-plane roles held, itself or through groups.
     """

    is_admin: bool
    kind: str
    name: str
    principal: str
    roles: list[RoleHeld]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.role_held import RoleHeld # noqa: PLC0415
        is_admin = self.is_admin

        kind = self.kind

        name = self.name

        principal = self.principal

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "is_admin": is_admin,
            "kind": kind,
            "name": name,
            "principal": principal,
            "roles": roles,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.role_held import RoleHeld # noqa: PLC0415
        d = dict(src_dict)
        is_admin = d.pop("is_admin")

        kind = d.pop("kind")

        name = d.pop("name")

        principal = d.pop("principal")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in (_roles):
            roles_item = RoleHeld.from_dict(roles_item_data)



            roles.append(roles_item)


        who_am_i = cls(
            is_admin=is_admin,
            kind=kind,
            name=name,
            principal=principal,
            roles=roles,
        )


        who_am_i.additional_properties = d
        return who_am_i

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
