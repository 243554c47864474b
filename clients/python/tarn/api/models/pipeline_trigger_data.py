from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_trigger_data_kind import PipelineTriggerDataKind
from ..types import UNSET, Unset






T = TypeVar("T", bound="PipelineTriggerData")



@_attrs_define
class PipelineTriggerData:
    """ Files committed into `table` (`database.table`).

        Attributes:
            kind (PipelineTriggerDataKind):
            table (str):
            batch_size (int | Unset):
            window_seconds (int | Unset):
     """

    kind: PipelineTriggerDataKind
    table: str
    batch_size: int | Unset = UNSET
    window_seconds: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        table = self.table

        batch_size = self.batch_size

        window_seconds = self.window_seconds


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "table": table,
        })
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if window_seconds is not UNSET:
            field_dict["window_seconds"] = window_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = PipelineTriggerDataKind(d.pop("kind"))




        table = d.pop("table")

        batch_size = d.pop("batch_size", UNSET)

        window_seconds = d.pop("window_seconds", UNSET)

        pipeline_trigger_data = cls(
            kind=kind,
            table=table,
            batch_size=batch_size,
            window_seconds=window_seconds,
        )

        return pipeline_trigger_data

