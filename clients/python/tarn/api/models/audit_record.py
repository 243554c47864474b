from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="AuditRecord")



@_attrs_define
class AuditRecord:
    """ 
        Attributes:
            action (str):
            decision (str): `allow` or `deny`.
            detail (Any):
            hash_ (str):
            occurred_at (datetime.datetime):
            outcome (str): `ok` or the error code.
            prev_hash (str):
            principal (str):
            resource (str):
            seq (int):
            client_addr (None | str | Unset):
            request_id (None | str | Unset):
     """

    action: str
    decision: str
    detail: Any
    hash_: str
    occurred_at: datetime.datetime
    outcome: str
    prev_hash: str
    principal: str
    resource: str
    seq: int
    client_addr: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action

        decision = self.decision

        detail = self.detail

        hash_ = self.hash_

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome

        prev_hash = self.prev_hash

        principal = self.principal

        resource = self.resource

        seq = self.seq

        client_addr: None | str | Unset
        if isinstance(self.client_addr, Unset):
            client_addr = UNSET
        else:
            client_addr = self.client_addr

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "decision": decision,
            "detail": detail,
            "hash": hash_,
            "occurred_at": occurred_at,
            "outcome": outcome,
            "prev_hash": prev_hash,
            "principal": principal,
            "resource": resource,
            "seq": seq,
        })
        if client_addr is not UNSET:
            field_dict["client_addr"] = client_addr
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        decision = d.pop("decision")

        detail = d.pop("detail")

        hash_ = d.pop("hash")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        outcome = d.pop("outcome")

        prev_hash = d.pop("prev_hash")

        principal = d.pop("principal")

        resource = d.pop("resource")

        seq = d.pop("seq")

        def _parse_client_addr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_addr = _parse_client_addr(d.pop("client_addr", UNSET))


        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))


        audit_record = cls(
            action=action,
            decision=decision,
            detail=detail,
            hash_=hash_,
            occurred_at=occurred_at,
            outcome=outcome,
            prev_hash=prev_hash,
            principal=principal,
            resource=resource,
            seq=seq,
            client_addr=client_addr,
            request_id=request_id,
        )


        audit_record.additional_properties = d
        return audit_record

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
