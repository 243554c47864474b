from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.database_response_parameters import DatabaseResponseParameters





T = TypeVar("T", bound="DatabaseResponse")



@_attrs_define
class DatabaseResponse:
    """ 
        Attributes:
            created_at (datetime.datetime):
            created_by (str): The principal that created and owns the database, e.g. `user:admin`.
            name (str):
            parameters (DatabaseResponseParameters):
            updated_at (datetime.datetime):
            description (None | str | Unset):
            location (None | str | Unset):
     """

    created_at: datetime.datetime
    created_by: str
    name: str
    parameters: DatabaseResponseParameters
    updated_at: datetime.datetime
    description: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.database_response_parameters import DatabaseResponseParameters # noqa: PLC0415
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        name = self.name

        parameters = self.parameters.to_dict()

        updated_at = self.updated_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "created_by": created_by,
            "name": name,
            "parameters": parameters,
            "updated_at": updated_at,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.database_response_parameters import DatabaseResponseParameters # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_by = d.pop("created_by")

        name = d.pop("name")

        parameters = DatabaseResponseParameters.from_dict(d.pop("parameters"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        database_response = cls(
            created_at=created_at,
            created_by=created_by,
            name=name,
            parameters=parameters,
            updated_at=updated_at,
            description=description,
            location=location,
        )


        database_response.additional_properties = d
        return database_response

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
