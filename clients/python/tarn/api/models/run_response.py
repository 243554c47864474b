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
  from ..models.run_response_errors_item import RunResponseErrorsItem
  from ..models.run_response_stats import RunResponseStats





T = TypeVar("T", bound="RunResponse")



@_attrs_define
class RunResponse:
    """ 
        Attributes:
            errors (list[RunResponseErrorsItem]): Files that could not be used and tables that could not be written.
            id (str):
            started_at (datetime.datetime):
            stats (RunResponseStats):
            status (str): `running`, `succeeded` or `failed`.
            trigger (str): `manual` or `schedule`.
            finished_at (datetime.datetime | None | Unset):
            message (None | str | Unset):
     """

    errors: list[RunResponseErrorsItem]
    id: str
    started_at: datetime.datetime
    stats: RunResponseStats
    status: str
    trigger: str
    finished_at: datetime.datetime | None | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.run_response_errors_item import RunResponseErrorsItem # noqa: PLC0415
        from ..models.run_response_stats import RunResponseStats # noqa: PLC0415
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        id = self.id

        started_at = self.started_at.isoformat()

        stats = self.stats.to_dict()

        status = self.status

        trigger = self.trigger

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


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "errors": errors,
            "id": id,
            "started_at": started_at,
            "stats": stats,
            "status": status,
            "trigger": trigger,
        })
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_response_errors_item import RunResponseErrorsItem # noqa: PLC0415
        from ..models.run_response_stats import RunResponseStats # noqa: PLC0415
        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = RunResponseErrorsItem.from_dict(errors_item_data)



            errors.append(errors_item)


        id = d.pop("id")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        stats = RunResponseStats.from_dict(d.pop("stats"))




        status = d.pop("status")

        trigger = d.pop("trigger")

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


        run_response = cls(
            errors=errors,
            id=id,
            started_at=started_at,
            stats=stats,
            status=status,
            trigger=trigger,
            finished_at=finished_at,
            message=message,
        )


        run_response.additional_properties = d
        return run_response

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
