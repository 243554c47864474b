from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_hash_op import TransformOperationHashOp
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TransformOperationHash")



@_attrs_define
class TransformOperationHash:
    """ 
        Attributes:
            op (TransformOperationHashOp):
            columns (list[str] | Unset):
            sensitivity (str | Unset):
     """

    op: TransformOperationHashOp
    columns: list[str] | Unset = UNSET
    sensitivity: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        op = self.op.value

        columns: list[str] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = self.columns



        sensitivity = self.sensitivity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "op": op,
        })
        if columns is not UNSET:
            field_dict["columns"] = columns
        if sensitivity is not UNSET:
            field_dict["sensitivity"] = sensitivity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        op = TransformOperationHashOp(d.pop("op"))




        columns = cast(list[str], d.pop("columns", UNSET))


        sensitivity = d.pop("sensitivity", UNSET)

        transform_operation_hash = cls(
            op=op,
            columns=columns,
            sensitivity=sensitivity,
        )

        return transform_operation_hash

