from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.buffering import Buffering
  from ..models.mqtt import Mqtt
  from ..models.output import Output
  from ..models.stream_table_schema import StreamTableSchema





T = TypeVar("T", bound="CreateStreamRequest")



@_attrs_define
class CreateStreamRequest:
    """ 
        Attributes:
            database (str):
            name (str):
            table (str): The target table; created from `schema` when it does not exist.
            buffering (Buffering | None | Unset):
            error_table (None | str | Unset): Where records that cannot be delivered go, with why [default:
                `<table>_errors`].
            max_active_partitions (int | None | Unset): New partitions one delivery may open; records beyond go to the error
                table [default: 5000].
            mqtt (Mqtt | None | Unset):
            output (None | Output | Unset):
            schema (None | StreamTableSchema | Unset):
            timestamp_field (None | str | Unset): The record field whose time fills time partition keys (RFC 3339 text or
                epoch
                milliseconds) [default: arrival time].
            transform (None | str | Unset): A `SELECT ... FROM records` applied to each buffer before it is written.
     """

    database: str
    name: str
    table: str
    buffering: Buffering | None | Unset = UNSET
    error_table: None | str | Unset = UNSET
    max_active_partitions: int | None | Unset = UNSET
    mqtt: Mqtt | None | Unset = UNSET
    output: None | Output | Unset = UNSET
    schema: None | StreamTableSchema | Unset = UNSET
    timestamp_field: None | str | Unset = UNSET
    transform: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.buffering import Buffering # noqa: PLC0415
        from ..models.mqtt import Mqtt # noqa: PLC0415
        from ..models.output import Output # noqa: PLC0415
        from ..models.stream_table_schema import StreamTableSchema # noqa: PLC0415
        database = self.database

        name = self.name

        table = self.table

        buffering: dict[str, Any] | None | Unset
        if isinstance(self.buffering, Unset):
            buffering = UNSET
        elif isinstance(self.buffering, Buffering):
            buffering = self.buffering.to_dict()
        else:
            buffering = self.buffering

        error_table: None | str | Unset
        if isinstance(self.error_table, Unset):
            error_table = UNSET
        else:
            error_table = self.error_table

        max_active_partitions: int | None | Unset
        if isinstance(self.max_active_partitions, Unset):
            max_active_partitions = UNSET
        else:
            max_active_partitions = self.max_active_partitions

        mqtt: dict[str, Any] | None | Unset
        if isinstance(self.mqtt, Unset):
            mqtt = UNSET
        elif isinstance(self.mqtt, Mqtt):
            mqtt = self.mqtt.to_dict()
        else:
            mqtt = self.mqtt

        output: dict[str, Any] | None | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, Output):
            output = self.output.to_dict()
        else:
            output = self.output

        schema: dict[str, Any] | None | Unset
        if isinstance(self.schema, Unset):
            schema = UNSET
        elif isinstance(self.schema, StreamTableSchema):
            schema = self.schema.to_dict()
        else:
            schema = self.schema

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

        field_dict.update({
            "database": database,
            "name": name,
            "table": table,
        })
        if buffering is not UNSET:
            field_dict["buffering"] = buffering
        if error_table is not UNSET:
            field_dict["error_table"] = error_table
        if max_active_partitions is not UNSET:
            field_dict["max_active_partitions"] = max_active_partitions
        if mqtt is not UNSET:
            field_dict["mqtt"] = mqtt
        if output is not UNSET:
            field_dict["output"] = output
        if schema is not UNSET:
            field_dict["schema"] = schema
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
        from ..models.stream_table_schema import StreamTableSchema # noqa: PLC0415
        d = dict(src_dict)
        database = d.pop("database")

        name = d.pop("name")

        table = d.pop("table")

        def _parse_buffering(data: object) -> Buffering | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                buffering_type_0 = Buffering.from_dict(data)



                return buffering_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Buffering | None | Unset, data)

        buffering = _parse_buffering(d.pop("buffering", UNSET))


        def _parse_error_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_table = _parse_error_table(d.pop("error_table", UNSET))


        def _parse_max_active_partitions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_active_partitions = _parse_max_active_partitions(d.pop("max_active_partitions", UNSET))


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


        def _parse_output(data: object) -> None | Output | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_type_0 = Output.from_dict(data)



                return output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Output | Unset, data)

        output = _parse_output(d.pop("output", UNSET))


        def _parse_schema(data: object) -> None | StreamTableSchema | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schema_type_0 = StreamTableSchema.from_dict(data)



                return schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StreamTableSchema | Unset, data)

        schema = _parse_schema(d.pop("schema", UNSET))


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


        create_stream_request = cls(
            database=database,
            name=name,
            table=table,
            buffering=buffering,
            error_table=error_table,
            max_active_partitions=max_active_partitions,
            mqtt=mqtt,
            output=output,
            schema=schema,
            timestamp_field=timestamp_field,
            transform=transform,
        )

        return create_stream_request

