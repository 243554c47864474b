from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RoleResponse")



@_attrs_define
class RoleResponse:
    """ 
        Attributes:
            actions (list[str]): The management actions it allows, as `policies/roles.csv` says.
            database_scoped (bool): Held in one database (`data_steward`) rather than lake-wide.
            name (str): `lake_admin`, `read_only_admin`, `auditor` or `data_steward`.
     """

    actions: list[str]
    database_scoped: bool
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        actions = self.actions



        database_scoped = self.database_scoped

        name = self.name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actions": actions,
            "database_scoped": database_scoped,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actions = cast(list[str], d.pop("actions"))


        database_scoped = d.pop("database_scoped")

        name = d.pop("name")

        role_response = cls(
            actions=actions,
            database_scoped=database_scoped,
            name=name,
        )


        role_response.additional_properties = d
        return role_response

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
