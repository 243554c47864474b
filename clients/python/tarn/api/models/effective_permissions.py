from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.column_permission import ColumnPermission
  from ..models.privilege_explanation import PrivilegeExplanation





T = TypeVar("T", bound="EffectivePermissions")



@_attrs_define
class EffectivePermissions:
    """ 
        Attributes:
            columns (list[ColumnPermission]): For a table: which columns SELECT covers.
            principal (str):
            privileges (list[PrivilegeExplanation]):
            row_filters (list[str]):
            rows (str): For a table: `all` rows, `none`, or `filtered` (a row is visible if any filter admits it).
     """

    columns: list[ColumnPermission]
    principal: str
    privileges: list[PrivilegeExplanation]
    row_filters: list[str]
    rows: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.column_permission import ColumnPermission # noqa: PLC0415
        from ..models.privilege_explanation import PrivilegeExplanation # noqa: PLC0415
        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)



        principal = self.principal

        privileges = []
        for privileges_item_data in self.privileges:
            privileges_item = privileges_item_data.to_dict()
            privileges.append(privileges_item)



        row_filters = self.row_filters



        rows = self.rows


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "columns": columns,
            "principal": principal,
            "privileges": privileges,
            "row_filters": row_filters,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_permission import ColumnPermission # noqa: PLC0415
        from ..models.privilege_explanation import PrivilegeExplanation # noqa: PLC0415
        d = dict(src_dict)
        columns = []
        _columns = d.pop("columns")
        for columns_item_data in (_columns):
            columns_item = ColumnPermission.from_dict(columns_item_data)



            columns.append(columns_item)


        principal = d.pop("principal")

        privileges = []
        _privileges = d.pop("privileges")
        for privileges_item_data in (_privileges):
            privileges_item = PrivilegeExplanation.from_dict(privileges_item_data)



            privileges.append(privileges_item)


        row_filters = cast(list[str], d.pop("row_filters"))


        rows = d.pop("rows")

        effective_permissions = cls(
            columns=columns,
            principal=principal,
            privileges=privileges,
            row_filters=row_filters,
            rows=rows,
        )


        effective_permissions.additional_properties = d
        return effective_permissions

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
