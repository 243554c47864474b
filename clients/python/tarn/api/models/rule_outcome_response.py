from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RuleOutcomeResponse")



@_attrs_define
class RuleOutcomeResponse:
    """ 
        Attributes:
            action (str):
            passed (bool):
            rule (str):
            failing_rows (int | None | Unset):
            message (None | str | Unset):
            value (float | None | Unset):
     """

    action: str
    passed: bool
    rule: str
    failing_rows: int | None | Unset = UNSET
    message: None | str | Unset = UNSET
    value: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action

        passed = self.passed

        rule = self.rule

        failing_rows: int | None | Unset
        if isinstance(self.failing_rows, Unset):
            failing_rows = UNSET
        else:
            failing_rows = self.failing_rows

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "passed": passed,
            "rule": rule,
        })
        if failing_rows is not UNSET:
            field_dict["failing_rows"] = failing_rows
        if message is not UNSET:
            field_dict["message"] = message
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        passed = d.pop("passed")

        rule = d.pop("rule")

        def _parse_failing_rows(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        failing_rows = _parse_failing_rows(d.pop("failing_rows", UNSET))


        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))


        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        rule_outcome_response = cls(
            action=action,
            passed=passed,
            rule=rule,
            failing_rows=failing_rows,
            message=message,
            value=value,
        )


        rule_outcome_response.additional_properties = d
        return rule_outcome_response

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
