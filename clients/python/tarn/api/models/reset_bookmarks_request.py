from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ResetBookmarksRequest")



@_attrs_define
class ResetBookmarksRequest:
    """ Which bookmark to reset.

        Attributes:
            table (None | str | Unset): An incremental input (`database.table`) [default: every one].
     """

    table: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        table: None | str | Unset
        if isinstance(self.table, Unset):
            table = UNSET
        else:
            table = self.table


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if table is not UNSET:
            field_dict["table"] = table

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        table = _parse_table(d.pop("table", UNSET))


        reset_bookmarks_request = cls(
            table=table,
        )

        return reset_bookmarks_request

