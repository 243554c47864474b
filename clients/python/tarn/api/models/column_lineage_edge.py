from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ColumnLineageEdge")



@_attrs_define
class ColumnLineageEdge:
    """ 
        Attributes:
            kind (str): `identity`, `transformation`, `aggregation`, `filter`, `join`, `group_by`, `sort` or `window`.
            source_column (str):
            source_node (str):
            target_column (str): `*` for an edge that shapes every column (filter, join, group by, sort, window).
            target_node (str):
     """

    kind: str
    source_column: str
    source_node: str
    target_column: str
    target_node: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        source_column = self.source_column

        source_node = self.source_node

        target_column = self.target_column

        target_node = self.target_node


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "source_column": source_column,
            "source_node": source_node,
            "target_column": target_column,
            "target_node": target_node,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = d.pop("kind")

        source_column = d.pop("source_column")

        source_node = d.pop("source_node")

        target_column = d.pop("target_column")

        target_node = d.pop("target_node")

        column_lineage_edge = cls(
            kind=kind,
            source_column=source_column,
            source_node=source_node,
            target_column=target_column,
            target_node=target_node,
        )


        column_lineage_edge.additional_properties = d
        return column_lineage_edge

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
