from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_filter_op import TransformOperationFilterOp






T = TypeVar("T", bound="TransformOperationFilter")



@_attrs_define
class TransformOperationFilter:
    """ 
        Attributes:
            op (TransformOperationFilterOp):
            predicate (str):
     """

    op: TransformOperationFilterOp
    predicate: str





    def to_dict(self) -> dict[str, Any]:
        op = self.op.value

        predicate = self.predicate


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "op": op,
            "predicate": predicate,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        op = TransformOperationFilterOp(d.pop("op"))




        predicate = d.pop("predicate")

        transform_operation_filter = cls(
            op=op,
            predicate=predicate,
        )

        return transform_operation_filter

