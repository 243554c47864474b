from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.role_name import RoleName
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AssignmentBody")



@_attrs_define
class AssignmentBody:
    """ 
        Attributes:
            principal (str): `user:alice`, `group:stewards` or `service:etl`. Example: group:analysts.
            role (RoleName): A management-plane role (`policies/roles.conf`).
            database (None | str | Unset): Required for `data_steward`, refused for the lake-wide roles.
     """

    principal: str
    role: RoleName
    database: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        principal = self.principal

        role = self.role.value

        database: None | str | Unset
        if isinstance(self.database, Unset):
            database = UNSET
        else:
            database = self.database


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "principal": principal,
            "role": role,
        })
        if database is not UNSET:
            field_dict["database"] = database

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        principal = d.pop("principal")

        role = RoleName(d.pop("role"))




        def _parse_database(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        database = _parse_database(d.pop("database", UNSET))


        assignment_body = cls(
            principal=principal,
            role=role,
            database=database,
        )

        return assignment_body

