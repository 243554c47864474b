from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_retry import PipelineRetry
  from ..models.pipeline_step_sql import PipelineStepSql
  from ..models.pipeline_step_transform import PipelineStepTransform
  from ..models.pipeline_step_validate import PipelineStepValidate
  from ..models.pipeline_step_write import PipelineStepWrite
  from ..models.pipeline_trigger_data import PipelineTriggerData
  from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline
  from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule





T = TypeVar("T", bound="DefinitionBody")



@_attrs_define
class DefinitionBody:
    """ A pipeline as it is sent: its name (needed to create it; on a replace, the path's name if
    given) and its definition.

        Attributes:
            steps (list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]): The DAG's
                steps; `write` steps publish, the others are read by name.
            description (None | str | Unset):
            incremental (list[str] | Unset): Input tables (`database.table`) read only for files committed since the last
                successful run.
            max_concurrent_runs (int | None | Unset): Runs that may run at once; more wait queued [default: 1]. Above 1 only
                for pipelines
                that only append and read no input incrementally.
            memory_limit_mb (int | None | Unset): Memory the run's engine holds before it spills to disk [default: the
                server's query memory].
            name (None | str | Unset):
            retry (PipelineRetry | Unset): Step Functions' retry: wait `interval_seconds`, times `backoff_rate` each next
                attempt.
            timeout_seconds (int | None | Unset): [default: 3600]
            triggers (list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule] | Unset):
     """

    steps: list[PipelineStepSql | PipelineStepTransform | PipelineStepValidate | PipelineStepWrite]
    description: None | str | Unset = UNSET
    incremental: list[str] | Unset = UNSET
    max_concurrent_runs: int | None | Unset = UNSET
    memory_limit_mb: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    retry: PipelineRetry | Unset = UNSET
    timeout_seconds: int | None | Unset = UNSET
    triggers: list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_retry import PipelineRetry # noqa: PLC0415
        from ..models.pipeline_step_sql import PipelineStepSql # noqa: PLC0415
        from ..models.pipeline_step_transform import PipelineStepTransform # noqa: PLC0415
        from ..models.pipeline_step_validate import PipelineStepValidate # noqa: PLC0415
        from ..models.pipeline_step_write import PipelineStepWrite # noqa: PLC0415
        from ..models.pipeline_trigger_data import PipelineTriggerData # noqa: PLC0415
        from ..models.pipeline_trigger_pipeline import PipelineTriggerPipeline # noqa: PLC0415
        from ..models.pipeline_trigger_schedule import PipelineTriggerSchedule # noqa: PLC0415
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



        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        incremental: list[str] | Unset = UNSET
        if not isinstance(self.incremental, Unset):
            incremental = self.incremental



        max_concurrent_runs: int | None | Unset
        if isinstance(self.max_concurrent_runs, Unset):
            max_concurrent_runs = UNSET
        else:
            max_concurrent_runs = self.max_concurrent_runs

        memory_limit_mb: int | None | Unset
        if isinstance(self.memory_limit_mb, Unset):
            memory_limit_mb = UNSET
        else:
            memory_limit_mb = self.memory_limit_mb

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        retry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retry, Unset):
            retry = self.retry.to_dict()

        timeout_seconds: int | None | Unset
        if isinstance(self.timeout_seconds, Unset):
            timeout_seconds = UNSET
        else:
            timeout_seconds = self.timeout_seconds

        triggers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.triggers, Unset):
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




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "steps": steps,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if incremental is not UNSET:
            field_dict["incremental"] = incremental
        if max_concurrent_runs is not UNSET:
            field_dict["max_concurrent_runs"] = max_concurrent_runs
        if memory_limit_mb is not UNSET:
            field_dict["memory_limit_mb"] = memory_limit_mb
        if name is not UNSET:
            field_dict["name"] = name
        if retry is not UNSET:
            field_dict["retry"] = retry
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds
        if triggers is not UNSET:
            field_dict["triggers"] = triggers

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


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        incremental = cast(list[str], d.pop("incremental", UNSET))


        def _parse_max_concurrent_runs(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_concurrent_runs = _parse_max_concurrent_runs(d.pop("max_concurrent_runs", UNSET))


        def _parse_memory_limit_mb(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        memory_limit_mb = _parse_memory_limit_mb(d.pop("memory_limit_mb", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        _retry = d.pop("retry", UNSET)
        retry: PipelineRetry | Unset
        if isinstance(_retry,  Unset):
            retry = UNSET
        else:
            retry = PipelineRetry.from_dict(_retry)




        def _parse_timeout_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        timeout_seconds = _parse_timeout_seconds(d.pop("timeout_seconds", UNSET))


        _triggers = d.pop("triggers", UNSET)
        triggers: list[PipelineTriggerData | PipelineTriggerPipeline | PipelineTriggerSchedule] | Unset = UNSET
        if _triggers is not UNSET:
            triggers = []
            for triggers_item_data in _triggers:
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


        definition_body = cls(
            steps=steps,
            description=description,
            incremental=incremental,
            max_concurrent_runs=max_concurrent_runs,
            memory_limit_mb=memory_limit_mb,
            name=name,
            retry=retry,
            timeout_seconds=timeout_seconds,
            triggers=triggers,
        )

        return definition_body

