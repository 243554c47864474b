from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.put_record_result import PutRecordResult





T = TypeVar("T", bound="PutRecordsResponse")



@_attrs_define
class PutRecordsResponse:
    """ 
        Attributes:
            failed_put_count (int):
            request_responses (list[PutRecordResult]): One per record, in the request's order.
     """

    failed_put_count: int
    request_responses: list[PutRecordResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.put_record_result import PutRecordResult # noqa: PLC0415
        failed_put_count = self.failed_put_count

        request_responses = []
        for request_responses_item_data in self.request_responses:
            request_responses_item = request_responses_item_data.to_dict()
            request_responses.append(request_responses_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "failed_put_count": failed_put_count,
            "request_responses": request_responses,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.put_record_result import PutRecordResult # noqa: PLC0415
        d = dict(src_dict)
        failed_put_count = d.pop("failed_put_count")

        request_responses = []
        _request_responses = d.pop("request_responses")
        for request_responses_item_data in (_request_responses):
            request_responses_item = PutRecordResult.from_dict(request_responses_item_data)



            request_responses.append(request_responses_item)


        put_records_response = cls(
            failed_put_count=failed_put_count,
            request_responses=request_responses,
        )


        put_records_response.additional_properties = d
        return put_records_response

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
