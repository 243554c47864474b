from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.create_database_request_parameters import CreateDatabaseRequestParameters





T = TypeVar("T", bound="CreateDatabaseRequest")



@_attrs_define
class CreateDatabaseRequest:
    """ 
        Attributes:
            name (str): Lowercase `[a-z][a-z0-9_]*`.
            description (None | str | Unset):
            location (None | str | Unset):
            parameters (CreateDatabaseRequestParameters | Unset):
     """

    name: str
    description: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    parameters: CreateDatabaseRequestParameters | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.create_database_request_parameters import CreateDatabaseRequestParameters # noqa: PLC0415
        name = self.name

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

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if location is not UNSET:
            field_dict["location"] = location
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_database_request_parameters import CreateDatabaseRequestParameters # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

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


        _parameters = d.pop("parameters", UNSET)
        parameters: CreateDatabaseRequestParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = CreateDatabaseRequestParameters.from_dict(_parameters)




        create_database_request = cls(
            name=name,
            description=description,
            location=location,
            parameters=parameters,
        )

        return create_database_request

