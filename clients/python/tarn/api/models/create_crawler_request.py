from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.deleted_folders import DeletedFolders
from ..models.schema_change import SchemaChange
from ..models.zone import Zone
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CreateCrawlerRequest")



@_attrs_define
class CreateCrawlerRequest:
    """ 
        Attributes:
            database (str): The database the tables go into.
            location (str): A location in the lake: `s3://bucket/prefix/raw/sales` or relative to the lake, `raw/sales`.
                Each folder directly below it becomes a table.
            name (str):
            deleted_folders (DeletedFolders | Unset): What a crawler does with a table whose folder is gone.
            schedule (None | str | Unset): Cron expression in UTC, e.g. `0 */6 * * *`.
            schema_change (SchemaChange | Unset): What a crawler does when a table's schema changed.
            zone (Zone | Unset):
     """

    database: str
    location: str
    name: str
    deleted_folders: DeletedFolders | Unset = UNSET
    schedule: None | str | Unset = UNSET
    schema_change: SchemaChange | Unset = UNSET
    zone: Zone | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        database = self.database

        location = self.location

        name = self.name

        deleted_folders: str | Unset = UNSET
        if not isinstance(self.deleted_folders, Unset):
            deleted_folders = self.deleted_folders.value


        schedule: None | str | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        else:
            schedule = self.schedule

        schema_change: str | Unset = UNSET
        if not isinstance(self.schema_change, Unset):
            schema_change = self.schema_change.value


        zone: str | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = self.zone.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "database": database,
            "location": location,
            "name": name,
        })
        if deleted_folders is not UNSET:
            field_dict["deleted_folders"] = deleted_folders
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if schema_change is not UNSET:
            field_dict["schema_change"] = schema_change
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = d.pop("database")

        location = d.pop("location")

        name = d.pop("name")

        _deleted_folders = d.pop("deleted_folders", UNSET)
        deleted_folders: DeletedFolders | Unset
        if isinstance(_deleted_folders,  Unset):
            deleted_folders = UNSET
        else:
            deleted_folders = DeletedFolders(_deleted_folders)




        def _parse_schedule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))


        _schema_change = d.pop("schema_change", UNSET)
        schema_change: SchemaChange | Unset
        if isinstance(_schema_change,  Unset):
            schema_change = UNSET
        else:
            schema_change = SchemaChange(_schema_change)




        _zone = d.pop("zone", UNSET)
        zone: Zone | Unset
        if isinstance(_zone,  Unset):
            zone = UNSET
        else:
            zone = Zone(_zone)




        create_crawler_request = cls(
            database=database,
            location=location,
            name=name,
            deleted_folders=deleted_folders,
            schedule=schedule,
            schema_change=schema_change,
            zone=zone,
        )

        return create_crawler_request

