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
  from ..models.update_table_request_format_options_type_0 import UpdateTableRequestFormatOptionsType0





T = TypeVar("T", bound="UpdateTableRequest")



@_attrs_define
class UpdateTableRequest:
    """ Fields present replace the current value (`columns` as a whole list); `null` clears an
    optional text field. Needs `If-Match` with the ETag from GET.

        Attributes:
            business (Business | None | Unset):
            columns (list[Column] | None | Unset):
            description (None | str | Unset):
            format_ (Format | None | Unset):
            format_options (None | Unset | UpdateTableRequestFormatOptionsType0):
            location (None | str | Unset):
            partition_keys (list[Column] | None | Unset):
            zone (None | Unset | Zone):
     """

    business: Business | None | Unset = UNSET
    columns: list[Column] | None | Unset = UNSET
    description: None | str | Unset = UNSET
    format_: Format | None | Unset = UNSET
    format_options: None | Unset | UpdateTableRequestFormatOptionsType0 = UNSET
    location: None | str | Unset = UNSET
    partition_keys: list[Column] | None | Unset = UNSET
    zone: None | Unset | Zone = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.business import Business # noqa: PLC0415
        from ..models.column import Column # noqa: PLC0415
        from ..models.update_table_request_format_options_type_0 import UpdateTableRequestFormatOptionsType0 # noqa: PLC0415
        business: dict[str, Any] | None | Unset
        if isinstance(self.business, Unset):
            business = UNSET
        elif isinstance(self.business, Business):
            business = self.business.to_dict()
        else:
            business = self.business

        columns: list[dict[str, Any]] | None | Unset
        if isinstance(self.columns, Unset):
            columns = UNSET
        elif isinstance(self.columns, list):
            columns = []
            for columns_type_0_item_data in self.columns:
                columns_type_0_item = columns_type_0_item_data.to_dict()
                columns.append(columns_type_0_item)


        else:
            columns = self.columns

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        elif isinstance(self.format_, Format):
            format_ = self.format_.value
        else:
            format_ = self.format_

        format_options: dict[str, Any] | None | Unset
        if isinstance(self.format_options, Unset):
            format_options = UNSET
        elif isinstance(self.format_options, UpdateTableRequestFormatOptionsType0):
            format_options = self.format_options.to_dict()
        else:
            format_options = self.format_options

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        partition_keys: list[dict[str, Any]] | None | Unset
        if isinstance(self.partition_keys, Unset):
            partition_keys = UNSET
        elif isinstance(self.partition_keys, list):
            partition_keys = []
            for partition_keys_type_0_item_data in self.partition_keys:
                partition_keys_type_0_item = partition_keys_type_0_item_data.to_dict()
                partition_keys.append(partition_keys_type_0_item)


        else:
            partition_keys = self.partition_keys

        zone: None | str | Unset
        if isinstance(self.zone, Unset):
            zone = UNSET
        elif isinstance(self.zone, Zone):
            zone = self.zone.value
        else:
            zone = self.zone


        field_dict: dict[str, Any] = {}

        field_dict.update({
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
        from ..models.update_table_request_format_options_type_0 import UpdateTableRequestFormatOptionsType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_business(data: object) -> Business | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                business_type_0 = Business.from_dict(data)



                return business_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Business | None | Unset, data)

        business = _parse_business(d.pop("business", UNSET))


        def _parse_columns(data: object) -> list[Column] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                columns_type_0 = []
                _columns_type_0 = data
                for columns_type_0_item_data in (_columns_type_0):
                    columns_type_0_item = Column.from_dict(columns_type_0_item_data)



                    columns_type_0.append(columns_type_0_item)

                return columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Column] | None | Unset, data)

        columns = _parse_columns(d.pop("columns", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


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


        def _parse_format_options(data: object) -> None | Unset | UpdateTableRequestFormatOptionsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                format_options_type_0 = UpdateTableRequestFormatOptionsType0.from_dict(data)



                return format_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UpdateTableRequestFormatOptionsType0, data)

        format_options = _parse_format_options(d.pop("format_options", UNSET))


        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        def _parse_partition_keys(data: object) -> list[Column] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                partition_keys_type_0 = []
                _partition_keys_type_0 = data
                for partition_keys_type_0_item_data in (_partition_keys_type_0):
                    partition_keys_type_0_item = Column.from_dict(partition_keys_type_0_item_data)



                    partition_keys_type_0.append(partition_keys_type_0_item)

                return partition_keys_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Column] | None | Unset, data)

        partition_keys = _parse_partition_keys(d.pop("partition_keys", UNSET))


        def _parse_zone(data: object) -> None | Unset | Zone:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                zone_type_0 = Zone(data)



                return zone_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | Zone, data)

        zone = _parse_zone(d.pop("zone", UNSET))


        update_table_request = cls(
            business=business,
            columns=columns,
            description=description,
            format_=format_,
            format_options=format_options,
            location=location,
            partition_keys=partition_keys,
            zone=zone,
        )

        return update_table_request

