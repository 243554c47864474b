from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_flatten_op import TransformOperationFlattenOp






T = TypeVar("T", bound="TransformOperationFlatten")



@_attrs_define
class TransformOperationFlatten:
    """ 
        Attributes:
            column (str):
            op (TransformOperationFlattenOp):
     """

    column: str
    op: TransformOperationFlattenOp





    def to_dict(self) -> dict[str, Any]:
        column = self.column

        op = self.op.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "column": column,
            "op": op,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        column = d.pop("column")

        op = TransformOperationFlattenOp(d.pop("op"))




        transform_operation_flatten = cls(
            column=column,
            op=op,
        )

        return transform_operation_flatten

