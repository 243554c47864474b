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
  from ..models.replay_response import ReplayResponse
  from ..models.step_run_response import StepRunResponse





T = TypeVar("T", bound="PipelineRunResponse")



@_attrs_define
class PipelineRunResponse:
    """ 
        Attributes:
            attempt (int):
            id (str):
            logs (list[str]):
            started_at (datetime.datetime):
            status (str): `queued`, `running`, `succeeded`, `failed`, `cancelled` or `timed_out`.
            steps (list[StepRunResponse]):
            trigger (str): `manual`, `replay`, `schedule`, `data` or `pipeline`.
            version (int): The definition version it runs.
            finished_at (datetime.datetime | None | Unset):
            message (None | str | Unset):
            replay (None | ReplayResponse | Unset):
     """

    attempt: int
    id: str
    logs: list[str]
    started_at: datetime.datetime
    status: str
    steps: list[StepRunResponse]
    trigger: str
    version: int
    finished_at: datetime.datetime | None | Unset = UNSET
    message: None | str | Unset = UNSET
    replay: None | ReplayResponse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.replay_response import ReplayResponse # noqa: PLC0415
        from ..models.step_run_response import StepRunResponse # noqa: PLC0415
        attempt = self.attempt

        id = self.id

        logs = self.logs



        started_at = self.started_at.isoformat()

        status = self.status

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)



        trigger = self.trigger

        version = self.version

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        replay: dict[str, Any] | None | Unset
        if isinstance(self.replay, Unset):
            replay = UNSET
        elif isinstance(self.replay, ReplayResponse):
            replay = self.replay.to_dict()
        else:
            replay = self.replay


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attempt": attempt,
            "id": id,
            "logs": logs,
            "started_at": started_at,
            "status": status,
            "steps": steps,
            "trigger": trigger,
            "version": version,
        })
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if message is not UNSET:
            field_dict["message"] = message
        if replay is not UNSET:
            field_dict["replay"] = replay

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.replay_response import ReplayResponse # noqa: PLC0415
        from ..models.step_run_response import StepRunResponse # noqa: PLC0415
        d = dict(src_dict)
        attempt = d.pop("attempt")

        id = d.pop("id")

        logs = cast(list[str], d.pop("logs"))


        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        status = d.pop("status")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in (_steps):
            steps_item = StepRunResponse.from_dict(steps_item_data)



            steps.append(steps_item)


        trigger = d.pop("trigger")

        version = d.pop("version")

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))


        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))


        def _parse_replay(data: object) -> None | ReplayResponse | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                replay_type_0 = ReplayResponse.from_dict(data)



                return replay_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReplayResponse | Unset, data)

        replay = _parse_replay(d.pop("replay", UNSET))


        pipeline_run_response = cls(
            attempt=attempt,
            id=id,
            logs=logs,
            started_at=started_at,
            status=status,
            steps=steps,
            trigger=trigger,
            version=version,
            finished_at=finished_at,
            message=message,
            replay=replay,
        )


        pipeline_run_response.additional_properties = d
        return pipeline_run_response

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
