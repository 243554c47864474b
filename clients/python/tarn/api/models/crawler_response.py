from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CrawlerResponse")



@_attrs_define
class CrawlerResponse:
    """ 
        Attributes:
            created_at (datetime.datetime):
            database (str):
            deleted_folders (str):
            location (str):
            name (str):
            owner (str): The principal it runs as.
            schema_change (str):
            zone (str):
            schedule (None | str | Unset):
     """

    created_at: datetime.datetime
    database: str
    deleted_folders: str
    location: str
    name: str
    owner: str
    schema_change: str
    zone: str
    schedule: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        database = self.database

        deleted_folders = self.deleted_folders

        location = self.location

        name = self.name

        owner = self.owner

        schema_change = self.schema_change

        zone = self.zone

        schedule: None | str | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        else:
            schedule = self.schedule


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "database": database,
            "deleted_folders": deleted_folders,
            "location": location,
            "name": name,
            "owner": owner,
            "schema_change": schema_change,
            "zone": zone,
        })
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        database = d.pop("database")

        deleted_folders = d.pop("deleted_folders")

        location = d.pop("location")

        name = d.pop("name")

        owner = d.pop("owner")

        schema_change = d.pop("schema_change")

        zone = d.pop("zone")

        def _parse_schedule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))


        crawler_response = cls(
            created_at=created_at,
            database=database,
            deleted_folders=deleted_folders,
            location=location,
            name=name,
            owner=owner,
            schema_change=schema_change,
            zone=zone,
            schedule=schedule,
        )


        crawler_response.additional_properties = d
        return crawler_response

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
