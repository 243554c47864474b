from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.format_ import Format
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.partition_spec_parameters import PartitionSpecParameters





T = TypeVar("T", bound="PartitionSpec")



@_attrs_define
class PartitionSpec:
    """ 
        Attributes:
            values (list[bool | float | str]): One value per partition key, in key order.
            format_ (Format | None | Unset):
            location (None | str | Unset):
            parameters (PartitionSpecParameters | Unset):
     """

    values: list[bool | float | str]
    format_: Format | None | Unset = UNSET
    location: None | str | Unset = UNSET
    parameters: PartitionSpecParameters | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.partition_spec_parameters import PartitionSpecParameters # noqa: PLC0415
        values = []
        for values_item_data in self.values:
            values_item: bool | float | str
            values_item = values_item_data
            values.append(values_item)



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

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "values": values,
        })
        if format_ is not UNSET:
            field_dict["format"] = format_
        if location is not UNSET:
            field_dict["location"] = location
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partition_spec_parameters import PartitionSpecParameters # noqa: PLC0415
        d = dict(src_dict)
        values = []
        _values = d.pop("values")
        for values_item_data in (_values):
            def _parse_values_item(data: object) -> bool | float | str:
                return cast(bool | float | str, data)

            values_item = _parse_values_item(values_item_data)

            values.append(values_item)


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


        _parameters = d.pop("parameters", UNSET)
        parameters: PartitionSpecParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = PartitionSpecParameters.from_dict(_parameters)




        partition_spec = cls(
            values=values,
            format_=format_,
            location=location,
            parameters=parameters,
        )

        return partition_spec

