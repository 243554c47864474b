from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="VerifyResponse")



@_attrs_define
class VerifyResponse:
    """ 
        Attributes:
            records (int): Records checked before the first broken link (all of them when valid).
            valid (bool):
            first_broken_seq (int | None | Unset):
            reason (None | str | Unset):
     """

    records: int
    valid: bool
    first_broken_seq: int | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        records = self.records

        valid = self.valid

        first_broken_seq: int | None | Unset
        if isinstance(self.first_broken_seq, Unset):
            first_broken_seq = UNSET
        else:
            first_broken_seq = self.first_broken_seq

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "records": records,
            "valid": valid,
        })
        if first_broken_seq is not UNSET:
            field_dict["first_broken_seq"] = first_broken_seq
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        records = d.pop("records")

        valid = d.pop("valid")

        def _parse_first_broken_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_broken_seq = _parse_first_broken_seq(d.pop("first_broken_seq", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        verify_response = cls(
            records=records,
            valid=valid,
            first_broken_seq=first_broken_seq,
            reason=reason,
        )


        verify_response.additional_properties = d
        return verify_response

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
