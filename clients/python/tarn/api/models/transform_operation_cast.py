from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.cast_failure import CastFailure
from ..models.transform_operation_cast_op import TransformOperationCastOp
from ..types import UNSET, Unset






T = TypeVar("T", bound="TransformOperationCast")



@_attrs_define
class TransformOperationCast:
    """ 
        Attributes:
            column (str):
            op (TransformOperationCastOp):
            to (str):
            on_error (CastFailure | Unset):
     """

    column: str
    op: TransformOperationCastOp
    to: str
    on_error: CastFailure | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        column = self.column

        op = self.op.value

        to = self.to

        on_error: str | Unset = UNSET
        if not isinstance(self.on_error, Unset):
            on_error = self.on_error.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "column": column,
            "op": op,
            "to": to,
        })
        if on_error is not UNSET:
            field_dict["on_error"] = on_error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        column = d.pop("column")

        op = TransformOperationCastOp(d.pop("op"))




        to = d.pop("to")

        _on_error = d.pop("on_error", UNSET)
        on_error: CastFailure | Unset
        if isinstance(_on_error,  Unset):
            on_error = UNSET
        else:
            on_error = CastFailure(_on_error)




        transform_operation_cast = cls(
            column=column,
            op=op,
            to=to,
            on_error=on_error,
        )

        return transform_operation_cast

