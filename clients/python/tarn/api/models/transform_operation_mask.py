from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_mask_op import TransformOperationMaskOp
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TransformOperationMask")



@_attrs_define
class TransformOperationMask:
    """ 
        Attributes:
            op (TransformOperationMaskOp):
            columns (list[str] | Unset):
            keep_last (int | Unset):
            sensitivity (str | Unset):
     """

    op: TransformOperationMaskOp
    columns: list[str] | Unset = UNSET
    keep_last: int | Unset = UNSET
    sensitivity: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        op = self.op.value

        columns: list[str] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = self.columns



        keep_last = self.keep_last

        sensitivity = self.sensitivity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "op": op,
        })
        if columns is not UNSET:
            field_dict["columns"] = columns
        if keep_last is not UNSET:
            field_dict["keep_last"] = keep_last
        if sensitivity is not UNSET:
            field_dict["sensitivity"] = sensitivity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        op = TransformOperationMaskOp(d.pop("op"))




        columns = cast(list[str], d.pop("columns", UNSET))


        keep_last = d.pop("keep_last", UNSET)

        sensitivity = d.pop("sensitivity", UNSET)

        transform_operation_mask = cls(
            op=op,
            columns=columns,
            keep_last=keep_last,
            sensitivity=sensitivity,
        )

        return transform_operation_mask

