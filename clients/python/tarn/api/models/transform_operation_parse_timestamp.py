from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_parse_timestamp_op import TransformOperationParseTimestampOp






T = TypeVar("T", bound="TransformOperationParseTimestamp")



@_attrs_define
class TransformOperationParseTimestamp:
    """ 
        Attributes:
            column (str):
            format_ (str):
            op (TransformOperationParseTimestampOp):
     """

    column: str
    format_: str
    op: TransformOperationParseTimestampOp





    def to_dict(self) -> dict[str, Any]:
        column = self.column

        format_ = self.format_

        op = self.op.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "column": column,
            "format": format_,
            "op": op,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        column = d.pop("column")

        format_ = d.pop("format")

        op = TransformOperationParseTimestampOp(d.pop("op"))




        transform_operation_parse_timestamp = cls(
            column=column,
            format_=format_,
            op=op,
        )

        return transform_operation_parse_timestamp

