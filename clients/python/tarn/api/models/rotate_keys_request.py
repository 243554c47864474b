from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RotateKeysRequest")



@_attrs_define
class RotateKeysRequest:
    """ 
        Attributes:
            revoke_previous (bool | Unset): Also retire every previous key at once: all tokens signed before stop working
                (for a leaked key). Without it, old tokens verify until they expire.
     """

    revoke_previous: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        revoke_previous = self.revoke_previous


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if revoke_previous is not UNSET:
            field_dict["revoke_previous"] = revoke_previous

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        revoke_previous = d.pop("revoke_previous", UNSET)

        rotate_keys_request = cls(
            revoke_previous=revoke_previous,
        )

        return rotate_keys_request

