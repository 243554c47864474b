from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.buffering import Buffering
  from ..models.mqtt import Mqtt
  from ..models.output import Output
  from ..models.stream_status import StreamStatus





T = TypeVar("T", bound="StreamResponse")



@_attrs_define
class StreamResponse:
    """ 
        Attributes:
            buffering (Buffering):
            created_at (datetime.datetime):
            database (str):
            error_table (str):
            max_active_partitions (int):
            name (str):
            output (Output):
            owner (str): The principal deliveries are written as.
            table (str):
            mqtt (Mqtt | None | Unset):
            status (None | StreamStatus | Unset):
            timestamp_field (None | str | Unset):
            transform (None | str | Unset):
     """

    buffering: Buffering
    created_at: datetime.datetime
    database: str
    error_table: str
    max_active_partitions: int
    name: str
    output: Output
    owner: str
    table: str
    mqtt: Mqtt | None | Unset = UNSET
    status: None | StreamStatus | Unset = UNSET
    timestamp_field: None | str | Unset = UNSET
    transform: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.buffering import Buffering # noqa: PLC0415
        from ..models.mqtt import Mqtt # noqa: PLC0415
        from ..models.output import Output # noqa: PLC0415
        from ..models.stream_status import StreamStatus # noqa: PLC0415
        buffering = self.buffering.to_dict()

        created_at = self.created_at.isoformat()

        database = self.database

        error_table = self.error_table

        max_active_partitions = self.max_active_partitions

        name = self.name

        output = self.output.to_dict()

        owner = self.owner

        table = self.table

        mqtt: dict[str, Any] | None | Unset
        if isinstance(self.mqtt, Unset):
            mqtt = UNSET
        elif isinstance(self.mqtt, Mqtt):
            mqtt = self.mqtt.to_dict()
        else:
            mqtt = self.mqtt

        status: dict[str, Any] | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, StreamStatus):
            status = self.status.to_dict()
        else:
            status = self.status

        timestamp_field: None | str | Unset
        if isinstance(self.timestamp_field, Unset):
            timestamp_field = UNSET
        else:
            timestamp_field = self.timestamp_field

        transform: None | str | Unset
        if isinstance(self.transform, Unset):
            transform = UNSET
        else:
            transform = self.transform


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "buffering": buffering,
            "created_at": created_at,
            "database": database,
            "error_table": error_table,
            "max_active_partitions": max_active_partitions,
            "name": name,
            "output": output,
            "owner": owner,
            "table": table,
        })
        if mqtt is not UNSET:
            field_dict["mqtt"] = mqtt
        if status is not UNSET:
            field_dict["status"] = status
        if timestamp_field is not UNSET:
            field_dict["timestamp_field"] = timestamp_field
        if transform is not UNSET:
            field_dict["transform"] = transform

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.buffering import Buffering # noqa: PLC0415
        from ..models.mqtt import Mqtt # noqa: PLC0415
        from ..models.output import Output # noqa: PLC0415
        from ..models.stream_status import StreamStatus # noqa: PLC0415
        d = dict(src_dict)
        buffering = Buffering.from_dict(d.pop("buffering"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        database = d.pop("database")

        error_table = d.pop("error_table")

        max_active_partitions = d.pop("max_active_partitions")

        name = d.pop("name")

        output = Output.from_dict(d.pop("output"))




        owner = d.pop("owner")

        table = d.pop("table")

        def _parse_mqtt(data: object) -> Mqtt | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mqtt_type_0 = Mqtt.from_dict(data)



                return mqtt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Mqtt | None | Unset, data)

        mqtt = _parse_mqtt(d.pop("mqtt", UNSET))


        def _parse_status(data: object) -> None | StreamStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                status_type_0 = StreamStatus.from_dict(data)



                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreamStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        def _parse_timestamp_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timestamp_field = _parse_timestamp_field(d.pop("timestamp_field", UNSET))


        def _parse_transform(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transform = _parse_transform(d.pop("transform", UNSET))


        stream_response = cls(
            buffering=buffering,
            created_at=created_at,
            database=database,
            error_table=error_table,
            max_active_partitions=max_active_partitions,
            name=name,
            output=output,
            owner=owner,
            table=table,
            mqtt=mqtt,
            status=status,
            timestamp_field=timestamp_field,
            transform=transform,
        )


        stream_response.additional_properties = d
        return stream_response

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
