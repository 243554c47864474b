from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
            deleted_folders (str | Unset): For tables whose folder is gone: `deprecate`, `delete` or `ignore` [default:
                deprecate].
                `delete` also deletes partitions whose folders held files at the previous run and hold none now.
            schedule (None | str | Unset): Cron expression in UTC, e.g. `0 */6 * * *`.
            schema_change (str | Unset): `update` (new table version), `log` or `fail` [default: update].
            zone (str | Unset): Zone of the tables it creates [default: raw].
     """

    database: str
    location: str
    name: str
    deleted_folders: str | Unset = UNSET
    schedule: None | str | Unset = UNSET
    schema_change: str | Unset = UNSET
    zone: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        database = self.database

        location = self.location

        name = self.name

        deleted_folders = self.deleted_folders

        schedule: None | str | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        else:
            schedule = self.schedule

        schema_change = self.schema_change

        zone = self.zone


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

        deleted_folders = d.pop("deleted_folders", UNSET)

        def _parse_schedule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))


        schema_change = d.pop("schema_change", UNSET)

        zone = d.pop("zone", UNSET)

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

