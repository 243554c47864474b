from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_step_write_kind import PipelineStepWriteKind
from ..models.write_mode import WriteMode
from ..models.write_schema_change import WriteSchemaChange
from ..models.zone import Zone
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PipelineStepWrite")



@_attrs_define
class PipelineStepWrite:
    """ Publishes `input` into `table` (`database.table`), created when missing.

        Attributes:
            input_ (str):
            kind (PipelineStepWriteKind):
            name (str):
            table (str):
            delete_when (str | Unset): `merge`: a SQL predicate marking rows whose key is deleted.
            keys (list[str] | Unset): The key of `merge`.
            mode (WriteMode | Unset):
            partition_keys (list[str] | Unset): Partition keys of a table this step creates.
            schema_change (WriteSchemaChange | Unset):
            timeout_seconds (int | Unset): The step fails (and the run with it, nothing published) when it takes longer.
            zone (Zone | Unset):
     """

    input_: str
    kind: PipelineStepWriteKind
    name: str
    table: str
    delete_when: str | Unset = UNSET
    keys: list[str] | Unset = UNSET
    mode: WriteMode | Unset = UNSET
    partition_keys: list[str] | Unset = UNSET
    schema_change: WriteSchemaChange | Unset = UNSET
    timeout_seconds: int | Unset = UNSET
    zone: Zone | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        kind = self.kind.value

        name = self.name

        table = self.table

        delete_when = self.delete_when

        keys: list[str] | Unset = UNSET
        if not isinstance(self.keys, Unset):
            keys = self.keys



        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value


        partition_keys: list[str] | Unset = UNSET
        if not isinstance(self.partition_keys, Unset):
            partition_keys = self.partition_keys



        schema_change: str | Unset = UNSET
        if not isinstance(self.schema_change, Unset):
            schema_change = self.schema_change.value


        timeout_seconds = self.timeout_seconds

        zone: str | Unset = UNSET
        if not isinstance(self.zone, Unset):
            zone = self.zone.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input": input_,
            "kind": kind,
            "name": name,
            "table": table,
        })
        if delete_when is not UNSET:
            field_dict["delete_when"] = delete_when
        if keys is not UNSET:
            field_dict["keys"] = keys
        if mode is not UNSET:
            field_dict["mode"] = mode
        if partition_keys is not UNSET:
            field_dict["partition_keys"] = partition_keys
        if schema_change is not UNSET:
            field_dict["schema_change"] = schema_change
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_ = d.pop("input")

        kind = PipelineStepWriteKind(d.pop("kind"))




        name = d.pop("name")

        table = d.pop("table")

        delete_when = d.pop("delete_when", UNSET)

        keys = cast(list[str], d.pop("keys", UNSET))


        _mode = d.pop("mode", UNSET)
        mode: WriteMode | Unset
        if isinstance(_mode,  Unset):
            mode = UNSET
        else:
            mode = WriteMode(_mode)




        partition_keys = cast(list[str], d.pop("partition_keys", UNSET))


        _schema_change = d.pop("schema_change", UNSET)
        schema_change: WriteSchemaChange | Unset
        if isinstance(_schema_change,  Unset):
            schema_change = UNSET
        else:
            schema_change = WriteSchemaChange(_schema_change)




        timeout_seconds = d.pop("timeout_seconds", UNSET)

        _zone = d.pop("zone", UNSET)
        zone: Zone | Unset
        if isinstance(_zone,  Unset):
            zone = UNSET
        else:
            zone = Zone(_zone)




        pipeline_step_write = cls(
            input_=input_,
            kind=kind,
            name=name,
            table=table,
            delete_when=delete_when,
            keys=keys,
            mode=mode,
            partition_keys=partition_keys,
            schema_change=schema_change,
            timeout_seconds=timeout_seconds,
            zone=zone,
        )

        return pipeline_step_write

