from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_trim_op import TransformOperationTrimOp
from typing import cast






T = TypeVar("T", bound="TransformOperationTrim")



@_attrs_define
class TransformOperationTrim:
    """ 
        Attributes:
            columns (list[str]):
            op (TransformOperationTrimOp):
     """

    columns: list[str]
    op: TransformOperationTrimOp





    def to_dict(self) -> dict[str, Any]:
        columns = self.columns



        op = self.op.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "columns": columns,
            "op": op,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        columns = cast(list[str], d.pop("columns"))


        op = TransformOperationTrimOp(d.pop("op"))




        transform_operation_trim = cls(
            columns=columns,
            op=op,
        )

        return transform_operation_trim

