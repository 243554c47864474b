from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.update_database_request_parameters_type_0 import UpdateDatabaseRequestParametersType0





T = TypeVar("T", bound="UpdateDatabaseRequest")



@_attrs_define
class UpdateDatabaseRequest:
    """ 
        Attributes:
            description (None | str | Unset): A string sets it, `null` clears it, absent keeps it.
            location (None | str | Unset):
            parameters (None | Unset | UpdateDatabaseRequestParametersType0):
     """

    description: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    parameters: None | Unset | UpdateDatabaseRequestParametersType0 = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.update_database_request_parameters_type_0 import UpdateDatabaseRequestParametersType0 # noqa: PLC0415
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

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, UpdateDatabaseRequestParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters


        field_dict: dict[str, Any] = {}

        field_dict.update({
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
        from ..models.update_database_request_parameters_type_0 import UpdateDatabaseRequestParametersType0 # noqa: PLC0415
        d = dict(src_dict)
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


        def _parse_parameters(data: object) -> None | Unset | UpdateDatabaseRequestParametersType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = UpdateDatabaseRequestParametersType0.from_dict(data)



                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UpdateDatabaseRequestParametersType0, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))


        update_database_request = cls(
            description=description,
            location=location,
            parameters=parameters,
        )

        return update_database_request

