from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.transform_operation_rename_op import TransformOperationRenameOp
from typing import cast

if TYPE_CHECKING:
  from ..models.transform_operation_rename_columns import TransformOperationRenameColumns





T = TypeVar("T", bound="TransformOperationRename")



@_attrs_define
class TransformOperationRename:
    """ 
        Attributes:
            columns (TransformOperationRenameColumns):
            op (TransformOperationRenameOp):
     """

    columns: TransformOperationRenameColumns
    op: TransformOperationRenameOp





    def to_dict(self) -> dict[str, Any]:
        from ..models.transform_operation_rename_columns import TransformOperationRenameColumns # noqa: PLC0415
        columns = self.columns.to_dict()

        op = self.op.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "columns": columns,
            "op": op,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transform_operation_rename_columns import TransformOperationRenameColumns # noqa: PLC0415
        d = dict(src_dict)
        columns = TransformOperationRenameColumns.from_dict(d.pop("columns"))




        op = TransformOperationRenameOp(d.pop("op"))




        transform_operation_rename = cls(
            columns=columns,
            op=op,
        )

        return transform_operation_rename

