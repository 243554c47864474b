from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.format_ import Format
from ..models.zone import Zone
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.business import Business
  from ..models.column import Column
  from ..models.create_table_request_format_options import CreateTableRequestFormatOptions





T = TypeVar("T", bound="CreateTableRequest")



@_attrs_define
class CreateTableRequest:
    """ 
        Attributes:
            name (str):
            business (Business | Unset):
            columns (list[Column] | Unset):
            description (None | str | Unset):
            format_ (Format | Unset):
            format_options (CreateTableRequestFormatOptions | Unset):
            location (None | str | Unset):
            partition_keys (list[Column] | Unset):
            zone (Zone | Unset):
     """

    name: str
    business: Business | Unset = UNSET
    columns: list[Column] | Unset = UNSET
    description: None | str | Unset = UNSET
    format_: Format | Unset = UNSET
    format_options: CreateTableRequestFormatOptions | Unset = UNSET
    location: None | str | Unset = UNSET
    partition_keys: list[Column] | Unset = UNSET
    zone: Zone | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.business import Business # noqa: PLC0415
        from ..models.column import Column # noqa: PLC0415
        from ..models.create_table_request_format_options import CreateTableRequestFormatOptions # noqa: PLC0415
        name = self.name

        business: dict[str, Any] | Unset = UNSET
        if not isinstance(self.business, Unset):
            business = self.business.to_dict()

        columns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = []
            for columns_item_data in self.columns:
                columns_item = columns_item_data.to_dict()
                columns.append(columns_item)



        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value


        format_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.format_options, Unset):
            format_options = self.format_options.to_dict()

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        partition_keys: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.partition_keys, Unset):
            partition_keys = []
            for partition_keys_item_data in self.partition_keys:
                partition_keys_item = partition_keys_item_data.to_dict()
                partition_keys.append(partition_keys_item)



        zone: str | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = self.zone.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if business is not UNSET:
            field_dict["business"] = business
        if columns is not UNSET:
            field_dict["columns"] = columns
        if description is not UNSET:
            field_dict["description"] = description
        if format_ is not UNSET:
            field_dict["format"] = format_
        if format_options is not UNSET:
            field_dict["format_options"] = format_options
        if location is not UNSET:
            field_dict["location"] = location
        if partition_keys is not UNSET:
            field_dict["partition_keys"] = partition_keys
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business import Business # noqa: PLC0415
        from ..models.column import Column # noqa: PLC0415
        from ..models.create_table_request_format_options import CreateTableRequestFormatOptions # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        _business = d.pop("business", UNSET)
        business: Business | Unset
        if isinstance(_business,  Unset):
            business = UNSET
        else:
            business = Business.from_dict(_business)




        _columns = d.pop("columns", UNSET)
        columns: list[Column] | Unset = UNSET
        if _columns is not UNSET:
            columns = []
            for columns_item_data in _columns:
                columns_item = Column.from_dict(columns_item_data)



                columns.append(columns_item)


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        _format_ = d.pop("format", UNSET)
        format_: Format | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = Format(_format_)




        _format_options = d.pop("format_options", UNSET)
        format_options: CreateTableRequestFormatOptions | Unset
        if isinstance(_format_options,  Unset):
            format_options = UNSET
        else:
            format_options = CreateTableRequestFormatOptions.from_dict(_format_options)




        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        _partition_keys = d.pop("partition_keys", UNSET)
        partition_keys: list[Column] | Unset = UNSET
        if _partition_keys is not UNSET:
            partition_keys = []
            for partition_keys_item_data in _partition_keys:
                partition_keys_item = Column.from_dict(partition_keys_item_data)



                partition_keys.append(partition_keys_item)


        _zone = d.pop("zone", UNSET)
        zone: Zone | Unset
        if isinstance(_zone,  Unset):
            zone = UNSET
        else:
            zone = Zone(_zone)




        create_table_request = cls(
            name=name,
            business=business,
            columns=columns,
            description=description,
            format_=format_,
            format_options=format_options,
            location=location,
            partition_keys=partition_keys,
            zone=zone,
        )

        return create_table_request

