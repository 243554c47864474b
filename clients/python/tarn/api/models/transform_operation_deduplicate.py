from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_deduplicate_op import TransformOperationDeduplicateOp
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TransformOperationDeduplicate")



@_attrs_define
class TransformOperationDeduplicate:
    """ 
        Attributes:
            keys (list[str]):
            op (TransformOperationDeduplicateOp):
            latest_by (str | Unset):
     """

    keys: list[str]
    op: TransformOperationDeduplicateOp
    latest_by: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        keys = self.keys



        op = self.op.value

        latest_by = self.latest_by


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "keys": keys,
            "op": op,
        })
        if latest_by is not UNSET:
            field_dict["latest_by"] = latest_by

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        keys = cast(list[str], d.pop("keys"))


        op = TransformOperationDeduplicateOp(d.pop("op"))




        latest_by = d.pop("latest_by", UNSET)

        transform_operation_deduplicate = cls(
            keys=keys,
            op=op,
            latest_by=latest_by,
        )

        return transform_operation_deduplicate

