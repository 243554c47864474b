from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="StreamStatus")



@_attrs_define
class StreamStatus:
    """ 
        Attributes:
            backlog_bytes (int): Undelivered bytes of every stream on the answering server.
            buffered_bytes (int):
            buffered_records (int): On the answering server: records and bytes waiting, the oldest one's wait.
            delivered_bytes (int):
            delivered_records (int): Records and bytes committed into the table (every replica).
            deliveries (int):
            failed_records (int): Records written to the error table.
            log_appends (int): The answering server's log since it started (every stream): put requests appended,
                and the fsyncs they took (group commit makes these fewer).
            log_syncs (int):
            put_bytes (int):
            put_records (int): On the answering server since it started: records accepted and refused.
            refused_records (int):
            buffer_age_seconds (float | None | Unset):
            last_delivery_at (datetime.datetime | None | Unset):
            last_error (None | str | Unset):
     """

    backlog_bytes: int
    buffered_bytes: int
    buffered_records: int
    delivered_bytes: int
    delivered_records: int
    deliveries: int
    failed_records: int
    log_appends: int
    log_syncs: int
    put_bytes: int
    put_records: int
    refused_records: int
    buffer_age_seconds: float | None | Unset = UNSET
    last_delivery_at: datetime.datetime | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        backlog_bytes = self.backlog_bytes

        buffered_bytes = self.buffered_bytes

        buffered_records = self.buffered_records

        delivered_bytes = self.delivered_bytes

        delivered_records = self.delivered_records

        deliveries = self.deliveries

        failed_records = self.failed_records

        log_appends = self.log_appends

        log_syncs = self.log_syncs

        put_bytes = self.put_bytes

        put_records = self.put_records

        refused_records = self.refused_records

        buffer_age_seconds: float | None | Unset
        if isinstance(self.buffer_age_seconds, Unset):
            buffer_age_seconds = UNSET
        else:
            buffer_age_seconds = self.buffer_age_seconds

        last_delivery_at: None | str | Unset
        if isinstance(self.last_delivery_at, Unset):
            last_delivery_at = UNSET
        elif isinstance(self.last_delivery_at, datetime.datetime):
            last_delivery_at = self.last_delivery_at.isoformat()
        else:
            last_delivery_at = self.last_delivery_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "backlog_bytes": backlog_bytes,
            "buffered_bytes": buffered_bytes,
            "buffered_records": buffered_records,
            "delivered_bytes": delivered_bytes,
            "delivered_records": delivered_records,
            "deliveries": deliveries,
            "failed_records": failed_records,
            "log_appends": log_appends,
            "log_syncs": log_syncs,
            "put_bytes": put_bytes,
            "put_records": put_records,
            "refused_records": refused_records,
        })
        if buffer_age_seconds is not UNSET:
            field_dict["buffer_age_seconds"] = buffer_age_seconds
        if last_delivery_at is not UNSET:
            field_dict["last_delivery_at"] = last_delivery_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        backlog_bytes = d.pop("backlog_bytes")

        buffered_bytes = d.pop("buffered_bytes")

        buffered_records = d.pop("buffered_records")

        delivered_bytes = d.pop("delivered_bytes")

        delivered_records = d.pop("delivered_records")

        deliveries = d.pop("deliveries")

        failed_records = d.pop("failed_records")

        log_appends = d.pop("log_appends")

        log_syncs = d.pop("log_syncs")

        put_bytes = d.pop("put_bytes")

        put_records = d.pop("put_records")

        refused_records = d.pop("refused_records")

        def _parse_buffer_age_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        buffer_age_seconds = _parse_buffer_age_seconds(d.pop("buffer_age_seconds", UNSET))


        def _parse_last_delivery_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_delivery_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_delivery_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_delivery_at = _parse_last_delivery_at(d.pop("last_delivery_at", UNSET))


        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))


        stream_status = cls(
            backlog_bytes=backlog_bytes,
            buffered_bytes=buffered_bytes,
            buffered_records=buffered_records,
            delivered_bytes=delivered_bytes,
            delivered_records=delivered_records,
            deliveries=deliveries,
            failed_records=failed_records,
            log_appends=log_appends,
            log_syncs=log_syncs,
            put_bytes=put_bytes,
            put_records=put_records,
            refused_records=refused_records,
            buffer_age_seconds=buffer_age_seconds,
            last_delivery_at=last_delivery_at,
            last_error=last_error,
        )


        stream_status.additional_properties = d
        return stream_status

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
