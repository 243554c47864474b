from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_step_sql_kind import PipelineStepSqlKind






T = TypeVar("T", bound="PipelineStepSql")



@_attrs_define
class PipelineStepSql:
    """ A DataFusion `SELECT` over catalog tables (`database.table`) and earlier steps (bare names).

        Attributes:
            kind (PipelineStepSqlKind):
            name (str):
            sql (str):
     """

    kind: PipelineStepSqlKind
    name: str
    sql: str





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        sql = self.sql


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "name": name,
            "sql": sql,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = PipelineStepSqlKind(d.pop("kind"))




        name = d.pop("name")

        sql = d.pop("sql")

        pipeline_step_sql = cls(
            kind=kind,
            name=name,
            sql=sql,
        )

        return pipeline_step_sql

