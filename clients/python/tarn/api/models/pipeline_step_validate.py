from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_step_validate_kind import PipelineStepValidateKind
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.quality_rule import QualityRule





T = TypeVar("T", bound="PipelineStepValidate")



@_attrs_define
class PipelineStepValidate:
    """ Data-quality rules (DQDL) over `input`; its output is `input` without quarantined rows.

        Attributes:
            input_ (str):
            kind (PipelineStepValidateKind):
            name (str):
            rules (list[QualityRule]):
            quarantine (str | Unset):
            timeout_seconds (int | Unset): The step fails (and the run with it) when its measures take longer.
     """

    input_: str
    kind: PipelineStepValidateKind
    name: str
    rules: list[QualityRule]
    quarantine: str | Unset = UNSET
    timeout_seconds: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.quality_rule import QualityRule # noqa: PLC0415
        input_ = self.input_

        kind = self.kind.value

        name = self.name

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)



        quarantine = self.quarantine

        timeout_seconds = self.timeout_seconds


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input": input_,
            "kind": kind,
            "name": name,
            "rules": rules,
        })
        if quarantine is not UNSET:
            field_dict["quarantine"] = quarantine
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quality_rule import QualityRule # noqa: PLC0415
        d = dict(src_dict)
        input_ = d.pop("input")

        kind = PipelineStepValidateKind(d.pop("kind"))




        name = d.pop("name")

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in (_rules):
            rules_item = QualityRule.from_dict(rules_item_data)



            rules.append(rules_item)


        quarantine = d.pop("quarantine", UNSET)

        timeout_seconds = d.pop("timeout_seconds", UNSET)

        pipeline_step_validate = cls(
            input_=input_,
            kind=kind,
            name=name,
            rules=rules,
            quarantine=quarantine,
            timeout_seconds=timeout_seconds,
        )

        return pipeline_step_validate

