from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.rule_outcome_response import RuleOutcomeResponse





T = TypeVar("T", bound="QualityResponse")



@_attrs_define
class QualityResponse:
    """ A table's latest data-quality result: rules passed of rules evaluated, per rule.

        Attributes:
            measured_at (datetime.datetime):
            passed (int):
            pipeline (str):
            rules (list[RuleOutcomeResponse]):
            run (str):
            score (float): passed / total.
            step (str):
            total (int):
     """

    measured_at: datetime.datetime
    passed: int
    pipeline: str
    rules: list[RuleOutcomeResponse]
    run: str
    score: float
    step: str
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_outcome_response import RuleOutcomeResponse # noqa: PLC0415
        measured_at = self.measured_at.isoformat()

        passed = self.passed

        pipeline = self.pipeline

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)



        run = self.run

        score = self.score

        step = self.step

        total = self.total


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "measured_at": measured_at,
            "passed": passed,
            "pipeline": pipeline,
            "rules": rules,
            "run": run,
            "score": score,
            "step": step,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_outcome_response import RuleOutcomeResponse # noqa: PLC0415
        d = dict(src_dict)
        measured_at = datetime.datetime.fromisoformat(d.pop("measured_at"))




        passed = d.pop("passed")

        pipeline = d.pop("pipeline")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in (_rules):
            rules_item = RuleOutcomeResponse.from_dict(rules_item_data)



            rules.append(rules_item)


        run = d.pop("run")

        score = d.pop("score")

        step = d.pop("step")

        total = d.pop("total")

        quality_response = cls(
            measured_at=measured_at,
            passed=passed,
            pipeline=pipeline,
            rules=rules,
            run=run,
            score=score,
            step=step,
            total=total,
        )


        quality_response.additional_properties = d
        return quality_response

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
