from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PipelineRetry")



@_attrs_define
class PipelineRetry:
    """ Step Functions' retry: wait `interval_seconds`, times `backoff_rate` each next attempt.

        Attributes:
            backoff_rate (float | Unset):
            interval_seconds (float | Unset):
            jitter (bool | Unset):
            max_attempts (int | Unset):
     """

    backoff_rate: float | Unset = UNSET
    interval_seconds: float | Unset = UNSET
    jitter: bool | Unset = UNSET
    max_attempts: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        backoff_rate = self.backoff_rate

        interval_seconds = self.interval_seconds

        jitter = self.jitter

        max_attempts = self.max_attempts


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if backoff_rate is not UNSET:
            field_dict["backoff_rate"] = backoff_rate
        if interval_seconds is not UNSET:
            field_dict["interval_seconds"] = interval_seconds
        if jitter is not UNSET:
            field_dict["jitter"] = jitter
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        backoff_rate = d.pop("backoff_rate", UNSET)

        interval_seconds = d.pop("interval_seconds", UNSET)

        jitter = d.pop("jitter", UNSET)

        max_attempts = d.pop("max_attempts", UNSET)

        pipeline_retry = cls(
            backoff_rate=backoff_rate,
            interval_seconds=interval_seconds,
            jitter=jitter,
            max_attempts=max_attempts,
        )


        pipeline_retry.additional_properties = d
        return pipeline_retry

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
