from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.format_ import Format
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.partition_response_parameters import PartitionResponseParameters





T = TypeVar("T", bound="PartitionResponse")



@_attrs_define
class PartitionResponse:
    """ 
        Attributes:
            created_at (datetime.datetime):
            parameters (PartitionResponseParameters):
            values (list[str]):
            format_ (Format | None | Unset):
            location (None | str | Unset):
     """

    created_at: datetime.datetime
    parameters: PartitionResponseParameters
    values: list[str]
    format_: Format | None | Unset = UNSET
    location: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.partition_response_parameters import PartitionResponseParameters # noqa: PLC0415
        created_at = self.created_at.isoformat()

        parameters = self.parameters.to_dict()

        values = self.values



        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        elif isinstance(self.format_, Format):
            format_ = self.format_.value
        else:
            format_ = self.format_

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "parameters": parameters,
            "values": values,
        })
        if format_ is not UNSET:
            field_dict["format"] = format_
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partition_response_parameters import PartitionResponseParameters # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        parameters = PartitionResponseParameters.from_dict(d.pop("parameters"))




        values = cast(list[str], d.pop("values"))


        def _parse_format_(data: object) -> Format | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                format_type_0 = Format(data)



                return format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Format | None | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))


        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        partition_response = cls(
            created_at=created_at,
            parameters=parameters,
            values=values,
            format_=format_,
            location=location,
        )


        partition_response.additional_properties = d
        return partition_response

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
