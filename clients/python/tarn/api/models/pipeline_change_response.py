from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_change_response_after_type_0 import PipelineChangeResponseAfterType0
  from ..models.pipeline_change_response_before_type_0 import PipelineChangeResponseBeforeType0





T = TypeVar("T", bound="PipelineChangeResponse")



@_attrs_define
class PipelineChangeResponse:
    """ One difference between two versions.

        Attributes:
            kind (str): `added`, `removed` or `changed`.
            subject (str): `step`, or the setting that changed: `triggers`, `incremental`, `retry`,
                `timeout_seconds`, `memory_limit_mb`, `max_concurrent_runs`, `description`.
            after (None | PipelineChangeResponseAfterType0 | Unset): ...and in this version (absent when removed).
            before (None | PipelineChangeResponseBeforeType0 | Unset): The step or setting in the older version (absent when
                added).
            name (None | str | Unset): The step's name.
     """

    kind: str
    subject: str
    after: None | PipelineChangeResponseAfterType0 | Unset = UNSET
    before: None | PipelineChangeResponseBeforeType0 | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_change_response_after_type_0 import PipelineChangeResponseAfterType0 # noqa: PLC0415
        from ..models.pipeline_change_response_before_type_0 import PipelineChangeResponseBeforeType0 # noqa: PLC0415
        kind = self.kind

        subject = self.subject

        after: dict[str, Any] | None | Unset
        if isinstance(self.after, Unset):
            after = UNSET
        elif isinstance(self.after, PipelineChangeResponseAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        before: dict[str, Any] | None | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, PipelineChangeResponseBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "subject": subject,
        })
        if after is not UNSET:
            field_dict["after"] = after
        if before is not UNSET:
            field_dict["before"] = before
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_change_response_after_type_0 import PipelineChangeResponseAfterType0 # noqa: PLC0415
        from ..models.pipeline_change_response_before_type_0 import PipelineChangeResponseBeforeType0 # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        subject = d.pop("subject")

        def _parse_after(data: object) -> None | PipelineChangeResponseAfterType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = PipelineChangeResponseAfterType0.from_dict(data)



                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineChangeResponseAfterType0 | Unset, data)

        after = _parse_after(d.pop("after", UNSET))


        def _parse_before(data: object) -> None | PipelineChangeResponseBeforeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = PipelineChangeResponseBeforeType0.from_dict(data)



                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineChangeResponseBeforeType0 | Unset, data)

        before = _parse_before(d.pop("before", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        pipeline_change_response = cls(
            kind=kind,
            subject=subject,
            after=after,
            before=before,
            name=name,
        )


        pipeline_change_response.additional_properties = d
        return pipeline_change_response

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
