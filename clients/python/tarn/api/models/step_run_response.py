from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rule_outcome_response import RuleOutcomeResponse





T = TypeVar("T", bound="StepRunResponse")



@_attrs_define
class StepRunResponse:
    """ 
        Attributes:
            bytes_written (int):
            duration_ms (int):
            kind (str):
            name (str):
            rows_in (int):
            rows_out (int):
            rows_quarantined (int):
            rules (list[RuleOutcomeResponse]):
            status (str): `running`, `succeeded` or `failed`.
            message (None | str | Unset):
     """

    bytes_written: int
    duration_ms: int
    kind: str
    name: str
    rows_in: int
    rows_out: int
    rows_quarantined: int
    rules: list[RuleOutcomeResponse]
    status: str
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_outcome_response import RuleOutcomeResponse # noqa: PLC0415
        bytes_written = self.bytes_written

        duration_ms = self.duration_ms

        kind = self.kind

        name = self.name

        rows_in = self.rows_in

        rows_out = self.rows_out

        rows_quarantined = self.rows_quarantined

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)



        status = self.status

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "bytes_written": bytes_written,
            "duration_ms": duration_ms,
            "kind": kind,
            "name": name,
            "rows_in": rows_in,
            "rows_out": rows_out,
            "rows_quarantined": rows_quarantined,
            "rules": rules,
            "status": status,
        })
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_outcome_response import RuleOutcomeResponse # noqa: PLC0415
        d = dict(src_dict)
        bytes_written = d.pop("bytes_written")

        duration_ms = d.pop("duration_ms")

        kind = d.pop("kind")

        name = d.pop("name")

        rows_in = d.pop("rows_in")

        rows_out = d.pop("rows_out")

        rows_quarantined = d.pop("rows_quarantined")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in (_rules):
            rules_item = RuleOutcomeResponse.from_dict(rules_item_data)



            rules.append(rules_item)


        status = d.pop("status")

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))


        step_run_response = cls(
            bytes_written=bytes_written,
            duration_ms=duration_ms,
            kind=kind,
            name=name,
            rows_in=rows_in,
            rows_out=rows_out,
            rows_quarantined=rows_quarantined,
            rules=rules,
            status=status,
            message=message,
        )


        step_run_response.additional_properties = d
        return step_run_response

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
