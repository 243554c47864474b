from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule_action import RuleAction
from ..types import UNSET, Unset






T = TypeVar("T", bound="QualityRule")



@_attrs_define
class QualityRule:
    """ A data-quality rule in DQDL and what its failure does.

        Attributes:
            rule (str): E.g. `ColumnValues "age" between 0 and 120 with threshold > 0.99`.
            action (RuleAction | Unset):
     """

    rule: str
    action: RuleAction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        rule = self.rule

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "rule": rule,
        })
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rule = d.pop("rule")

        _action = d.pop("action", UNSET)
        action: RuleAction | Unset
        if isinstance(_action,  Unset):
            action = UNSET
        else:
            action = RuleAction(_action)




        quality_rule = cls(
            rule=rule,
            action=action,
        )


        quality_rule.additional_properties = d
        return quality_rule

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
