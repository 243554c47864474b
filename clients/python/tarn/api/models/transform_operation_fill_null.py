from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_fill_null_op import TransformOperationFillNullOp
from typing import cast

if TYPE_CHECKING:
  from ..models.transform_operation_fill_null_value import TransformOperationFillNullValue





T = TypeVar("T", bound="TransformOperationFillNull")



@_attrs_define
class TransformOperationFillNull:
    """ 
        Attributes:
            column (str):
            op (TransformOperationFillNullOp):
            value (TransformOperationFillNullValue):
     """

    column: str
    op: TransformOperationFillNullOp
    value: TransformOperationFillNullValue





    def to_dict(self) -> dict[str, Any]:
        from ..models.transform_operation_fill_null_value import TransformOperationFillNullValue # noqa: PLC0415
        column = self.column

        op = self.op.value

        value = self.value.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "column": column,
            "op": op,
            "value": value,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transform_operation_fill_null_value import TransformOperationFillNullValue # noqa: PLC0415
        d = dict(src_dict)
        column = d.pop("column")

        op = TransformOperationFillNullOp(d.pop("op"))




        value = TransformOperationFillNullValue.from_dict(d.pop("value"))




        transform_operation_fill_null = cls(
            column=column,
            op=op,
            value=value,
        )

        return transform_operation_fill_null

