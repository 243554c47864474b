from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.pipeline_step_sql import PipelineStepSql
  from ..models.pipeline_step_transform import PipelineStepTransform
  from ..models.pipeline_step_validate import PipelineStepValidate
  from ..models.pipeline_step_write import PipelineStepWrite
  from ..models.pipeline_trigger_data import PipelineTriggerData
  from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline
  from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule





T = TypeVar("T", bound="PipelineVersionResponse")



@_attrs_define
class PipelineVersionResponse:
    """ 
        Attributes:
            author (str):
            created_at (datetime.datetime):
            steps (list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]):
            summary (str): What changed from the version before.
            triggers (list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule]):
            version (int):
     """

    author: str
    created_at: datetime.datetime
    steps: list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]
    summary: str
    triggers: list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_step_sql import PipelineStepSql # noqa: PLC0415
        from ..models.pipeline_step_transform import PipelineStepTransform # noqa: PLC0415
        from ..models.pipeline_step_validate import PipelineStepValidate # noqa: PLC0415
        from ..models.pipeline_step_write import PipelineStepWrite # noqa: PLC0415
        from ..models.pipeline_trigger_data import PipelineTriggerData # noqa: PLC0415
        from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline # noqa: PLC0415
        from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule # noqa: PLC0415
        author = self.author

        created_at = self.created_at.isoformat()

        steps = []
        for steps_item_data in self.steps:
            steps_item: dict[str, Any]
            if isinstance(steps_item_data, PipelineStepSql):
                steps_item = steps_item_data.to_dict()
            elif isinstance(steps_item_data, PipelineStepTransform):
                steps_item = steps_item_data.to_dict()
            elif isinstance(steps_item_data, PipelineStepValidate):
                steps_item = steps_item_data.to_dict()
            else:
                steps_item = steps_item_data.to_dict()

            steps.append(steps_item)



        summary = self.summary

        triggers = []
        for triggers_item_data in self.triggers:
            triggers_item: dict[str, Any]
            if isinstance(triggers_item_data, PipelineTriggerSchedule):
                triggers_item = triggers_item_data.to_dict()
            elif isinstance(triggers_item_data, PipelineTriggerData):
                triggers_item = triggers_item_data.to_dict()
            else:
                triggers_item = triggers_item_data.to_dict()

            triggers.append(triggers_item)



        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "author": author,
            "created_at": created_at,
            "steps": steps,
            "summary": summary,
            "triggers": triggers,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_step_sql import PipelineStepSql # noqa: PLC0415
        from ..models.pipeline_step_transform import PipelineStepTransform # noqa: PLC0415
        from ..models.pipeline_step_validate import PipelineStepValidate # noqa: PLC0415
        from ..models.pipeline_step_write import PipelineStepWrite # noqa: PLC0415
        from ..models.pipeline_trigger_data import PipelineTriggerData # noqa: PLC0415
        from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline # noqa: PLC0415
        from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule # noqa: PLC0415
        d = dict(src_dict)
        author = d.pop("author")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        steps = []
        _steps = d.pop("steps")
        for steps_item_data in (_steps):
            def _parse_steps_item(data: object) -> PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_pipeline_step_type_0 = PipelineStepSql.from_dict(data)



                    return componentsschemas_pipeline_step_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_pipeline_step_type_1 = PipelineStepTransform.from_dict(data)



                    return componentsschemas_pipeline_step_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_pipeline_step_type_2 = PipelineStepValidate.from_dict(data)



                    return componentsschemas_pipeline_step_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_step_type_3 = PipelineStepWrite.from_dict(data)



                return componentsschemas_pipeline_step_type_3

            steps_item = _parse_steps_item(steps_item_data)

            steps.append(steps_item)


        summary = d.pop("summary")

        triggers = []
        _triggers = d.pop("triggers")
        for triggers_item_data in (_triggers):
            def _parse_triggers_item(data: object) -> PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_pipeline_trigger_type_0 = PipelineTriggerSchedule.from_dict(data)



                    return componentsschemas_pipeline_trigger_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_pipeline_trigger_type_1 = PipelineTriggerData.from_dict(data)



                    return componentsschemas_pipeline_trigger_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_trigger_type_2 = PipelineTriggerPipeline.from_dict(data)



                return componentsschemas_pipeline_trigger_type_2

            triggers_item = _parse_triggers_item(triggers_item_data)

            triggers.append(triggers_item)


        version = d.pop("version")

        pipeline_version_response = cls(
            author=author,
            created_at=created_at,
            steps=steps,
            summary=summary,
            triggers=triggers,
            version=version,
        )


        pipeline_version_response.additional_properties = d
        return pipeline_version_response

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
