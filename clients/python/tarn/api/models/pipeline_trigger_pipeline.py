from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_trigger_pipeline_kind import PipelineTriggerPipelineKind
from ..models.trigger_condition import TriggerCondition
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PipelineTriggerPipeline")



@_attrs_define
class PipelineTriggerPipeline:
    """ The end of other pipelines' runs.

        Attributes:
            kind (PipelineTriggerPipelineKind):
            pipelines (list[str]):
            condition (TriggerCondition | Unset):
     """

    kind: PipelineTriggerPipelineKind
    pipelines: list[str]
    condition: TriggerCondition | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        pipelines = self.pipelines



        condition: str | Unset = UNSET
        if not isinstance(self.condition, Unset):
            condition = self.condition.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "pipelines": pipelines,
        })
        if condition is not UNSET:
            field_dict["condition"] = condition

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = PipelineTriggerPipelineKind(d.pop("kind"))




        pipelines = cast(list[str], d.pop("pipelines"))


        _condition = d.pop("condition", UNSET)
        condition: TriggerCondition | Unset
        if isinstance(_condition,  Unset):
            condition = UNSET
        else:
            condition = TriggerCondition(_condition)




        pipeline_trigger_pipeline = cls(
            kind=kind,
            pipelines=pipelines,
            condition=condition,
        )

        return pipeline_trigger_pipeline

