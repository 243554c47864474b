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
  from ..models.pipeline_retry import PipelineRetry
  from ..models.pipeline_step_sql import PipelineStepSql
  from ..models.pipeline_step_transform import PipelineStepTransform
  from ..models.pipeline_step_validate import PipelineStepValidate
  from ..models.pipeline_step_write import PipelineStepWrite
  from ..models.pipeline_trigger_data import PipelineTriggerData
  from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline
  from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule





T = TypeVar("T", bound="PipelineResponse")



@_attrs_define
class PipelineResponse:
    """ 
        Attributes:
            created_at (datetime.datetime):
            etag (str): Send back in `If-Match` to update this version.
            incremental (list[str]):
            max_concurrent_runs (int):
            name (str):
            owner (str): The principal it runs as.
            retry (PipelineRetry): Step Functions' retry: wait `interval_seconds`, times `backoff_rate` each next attempt.
            steps (list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]):
            timeout_seconds (int):
            triggers (list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule]):
            updated_at (datetime.datetime):
            version (int):
            description (None | str | Unset):
            memory_limit_mb (int | None | Unset):
     """

    created_at: datetime.datetime
    etag: str
    incremental: list[str]
    max_concurrent_runs: int
    name: str
    owner: str
    retry: PipelineRetry
    steps: list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]
    timeout_seconds: int
    triggers: list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule]
    updated_at: datetime.datetime
    version: int
    description: None | str | Unset = UNSET
    memory_limit_mb: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_retry import PipelineRetry # noqa: PLC0415
        from ..models.pipeline_step_sql import PipelineStepSql # noqa: PLC0415
        from ..models.pipeline_step_transform import PipelineStepTransform # noqa: PLC0415
        from ..models.pipeline_step_validate import PipelineStepValidate # noqa: PLC0415
        from ..models.pipeline_step_write import PipelineStepWrite # noqa: PLC0415
        from ..models.pipeline_trigger_data import PipelineTriggerData # noqa: PLC0415
        from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline # noqa: PLC0415
        from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule # noqa: PLC0415
        created_at = self.created_at.isoformat()

        etag = self.etag

        incremental = self.incremental



        max_concurrent_runs = self.max_concurrent_runs

        name = self.name

        owner = self.owner

        retry = self.retry.to_dict()

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



        timeout_seconds = self.timeout_seconds

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



        updated_at = self.updated_at.isoformat()

        version = self.version

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        memory_limit_mb: int | None | Unset
        if isinstance(self.memory_limit_mb, Unset):
            memory_limit_mb = UNSET
        else:
            memory_limit_mb = self.memory_limit_mb


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "etag": etag,
            "incremental": incremental,
            "max_concurrent_runs": max_concurrent_runs,
            "name": name,
            "owner": owner,
            "retry": retry,
            "steps": steps,
            "timeout_seconds": timeout_seconds,
            "triggers": triggers,
            "updated_at": updated_at,
            "version": version,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if memory_limit_mb is not UNSET:
            field_dict["memory_limit_mb"] = memory_limit_mb

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_retry import PipelineRetry # noqa: PLC0415
        from ..models.pipeline_step_sql import PipelineStepSql # noqa: PLC0415
        from ..models.pipeline_step_transform import PipelineStepTransform # noqa: PLC0415
        from ..models.pipeline_step_validate import PipelineStepValidate # noqa: PLC0415
        from ..models.pipeline_step_write import PipelineStepWrite # noqa: PLC0415
        from ..models.pipeline_trigger_data import PipelineTriggerData # noqa: PLC0415
        from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline # noqa: PLC0415
        from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        etag = d.pop("etag")

        incremental = cast(list[str], d.pop("incremental"))


        max_concurrent_runs = d.pop("max_concurrent_runs")

        name = d.pop("name")

        owner = d.pop("owner")

        retry = PipelineRetry.from_dict(d.pop("retry"))




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


        timeout_seconds = d.pop("timeout_seconds")

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


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_memory_limit_mb(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        memory_limit_mb = _parse_memory_limit_mb(d.pop("memory_limit_mb", UNSET))


        pipeline_response = cls(
            created_at=created_at,
            etag=etag,
            incremental=incremental,
            max_concurrent_runs=max_concurrent_runs,
            name=name,
            owner=owner,
            retry=retry,
            steps=steps,
            timeout_seconds=timeout_seconds,
            triggers=triggers,
            updated_at=updated_at,
            version=version,
            description=description,
            memory_limit_mb=memory_limit_mb,
        )


        pipeline_response.additional_properties = d
        return pipeline_response

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
