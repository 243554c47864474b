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
import datetime

if TYPE_CHECKING:
  from ..models.business import Business
  from ..models.column import Column
  from ..models.definition_format_options import DefinitionFormatOptions
  from ..models.quality_response import QualityResponse
  from ..models.table_response_column_tags import TableResponseColumnTags
  from ..models.table_response_tags import TableResponseTags





T = TypeVar("T", bound="TableResponse")



@_attrs_define
class TableResponse:
    """ 
        Attributes:
            business (Business):
            columns (list[Column]):
            format_ (Format):
            format_options (DefinitionFormatOptions):
            partition_keys (list[Column]):
            zone (Zone):
            column_tags (TableResponseColumnTags): Own tags of the columns shown.
            created_at (datetime.datetime):
            created_by (str):
            database (str):
            etag (str): Send back in `If-Match` to update this version.
            name (str):
            tags (TableResponseTags): The table's own tags (it also inherits its database's).
            updated_at (datetime.datetime):
            version (int): The current version; every definition change adds one.
            description (None | str | Unset):
            location (None | str | Unset):
            quality (None | QualityResponse | Unset):
     """

    business: Business
    columns: list[Column]
    format_: Format
    format_options: DefinitionFormatOptions
    partition_keys: list[Column]
    zone: Zone
    column_tags: TableResponseColumnTags
    created_at: datetime.datetime
    created_by: str
    database: str
    etag: str
    name: str
    tags: TableResponseTags
    updated_at: datetime.datetime
    version: int
    description: None | str | Unset = UNSET
    location: None | str | Unset = UNSET
    quality: None | QualityResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.business import Business # noqa: PLC0415
        from ..models.column import Column # noqa: PLC0415
        from ..models.definition_format_options import DefinitionFormatOptions # noqa: PLC0415
        from ..models.quality_response import QualityResponse # noqa: PLC0415
        from ..models.table_response_column_tags import TableResponseColumnTags # noqa: PLC0415
        from ..models.table_response_tags import TableResponseTags # noqa: PLC0415
        business = self.business.to_dict()

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)



        format_ = self.format_.value

        format_options = self.format_options.to_dict()

        partition_keys = []
        for partition_keys_item_data in self.partition_keys:
            partition_keys_item = partition_keys_item_data.to_dict()
            partition_keys.append(partition_keys_item)



        zone = self.zone.value

        column_tags = self.column_tags.to_dict()

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        database = self.database

        etag = self.etag

        name = self.name

        tags = self.tags.to_dict()

        updated_at = self.updated_at.isoformat()

        version = self.version

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

        quality: dict[str, Any] | None | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        elif isinstance(self.quality, QualityResponse):
            quality = self.quality.to_dict()
        else:
            quality = self.quality


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "business": business,
            "columns": columns,
            "format": format_,
            "format_options": format_options,
            "partition_keys": partition_keys,
            "zone": zone,
            "column_tags": column_tags,
            "created_at": created_at,
            "created_by": created_by,
            "database": database,
            "etag": etag,
            "name": name,
            "tags": tags,
            "updated_at": updated_at,
            "version": version,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if location is not UNSET:
            field_dict["location"] = location
        if quality is not UNSET:
            field_dict["quality"] = quality

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business import Business # noqa: PLC0415
        from ..models.column import Column # noqa: PLC0415
        from ..models.definition_format_options import DefinitionFormatOptions # noqa: PLC0415
        from ..models.quality_response import QualityResponse # noqa: PLC0415
        from ..models.table_response_column_tags import TableResponseColumnTags # noqa: PLC0415
        from ..models.table_response_tags import TableResponseTags # noqa: PLC0415
        d = dict(src_dict)
        business = Business.from_dict(d.pop("business"))




        columns = []
        _columns = d.pop("columns")
        for columns_item_data in (_columns):
            columns_item = Column.from_dict(columns_item_data)



            columns.append(columns_item)


        format_ = Format(d.pop("format"))




        format_options = DefinitionFormatOptions.from_dict(d.pop("format_options"))




        partition_keys = []
        _partition_keys = d.pop("partition_keys")
        for partition_keys_item_data in (_partition_keys):
            partition_keys_item = Column.from_dict(partition_keys_item_data)



            partition_keys.append(partition_keys_item)


        zone = Zone(d.pop("zone"))




        column_tags = TableResponseColumnTags.from_dict(d.pop("column_tags"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        created_by = d.pop("created_by")

        database = d.pop("database")

        etag = d.pop("etag")

        name = d.pop("name")

        tags = TableResponseTags.from_dict(d.pop("tags"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

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


        def _parse_quality(data: object) -> None | QualityResponse | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quality_type_0 = QualityResponse.from_dict(data)



                return quality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QualityResponse | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))


        table_response = cls(
            business=business,
            columns=columns,
            format_=format_,
            format_options=format_options,
            partition_keys=partition_keys,
            zone=zone,
            column_tags=column_tags,
            created_at=created_at,
            created_by=created_by,
            database=database,
            etag=etag,
            name=name,
            tags=tags,
            updated_at=updated_at,
            version=version,
            description=description,
            location=location,
            quality=quality,
        )


        table_response.additional_properties = d
        return table_response

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
