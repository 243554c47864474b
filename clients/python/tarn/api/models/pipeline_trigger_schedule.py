from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_trigger_schedule_kind import PipelineTriggerScheduleKind






T = TypeVar("T", bound="PipelineTriggerSchedule")



@_attrs_define
class PipelineTriggerSchedule:
    """ Cron in UTC.

        Attributes:
            cron (str):
            kind (PipelineTriggerScheduleKind):
     """

    cron: str
    kind: PipelineTriggerScheduleKind





    def to_dict(self) -> dict[str, Any]:
        cron = self.cron

        kind = self.kind.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cron": cron,
            "kind": kind,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cron = d.pop("cron")

        kind = PipelineTriggerScheduleKind(d.pop("kind"))




        pipeline_trigger_schedule = cls(
            cron=cron,
            kind=kind,
        )

        return pipeline_trigger_schedule

