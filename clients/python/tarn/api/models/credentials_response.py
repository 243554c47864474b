from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.vended_file import VendedFile





T = TypeVar("T", bound="CredentialsResponse")



@_attrs_define
class CredentialsResponse:
    """ 
        Attributes:
            access_type (str): `presigned_urls` (S3) or `data_token` (local lake: use `GET|PUT /v1/data/{db}/{table}/...`
                with the token as bearer).
            columns (list[str]): The columns the caller may read; the engine must not return others.
            expires_at (datetime.datetime):
            location (str):
            operation (str):
            table (str):
            endpoint (None | str | Unset):
            files (list[VendedFile] | Unset):
            row_filter (None | str | Unset): SQL predicate the engine must apply to every row, when one applies.
            token (None | str | Unset):
     """

    access_type: str
    columns: list[str]
    expires_at: datetime.datetime
    location: str
    operation: str
    table: str
    endpoint: None | str | Unset = UNSET
    files: list[VendedFile] | Unset = UNSET
    row_filter: None | str | Unset = UNSET
    token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.vended_file import VendedFile # noqa: PLC0415
        access_type = self.access_type

        columns = self.columns



        expires_at = self.expires_at.isoformat()

        location = self.location

        operation = self.operation

        table = self.table

        endpoint: None | str | Unset
        if isinstance(self.endpoint, Unset):
            endpoint = UNSET
        else:
            endpoint = self.endpoint

        files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)



        row_filter: None | str | Unset
        if isinstance(self.row_filter, Unset):
            row_filter = UNSET
        else:
            row_filter = self.row_filter

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "access_type": access_type,
            "columns": columns,
            "expires_at": expires_at,
            "location": location,
            "operation": operation,
            "table": table,
        })
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if files is not UNSET:
            field_dict["files"] = files
        if row_filter is not UNSET:
            field_dict["row_filter"] = row_filter
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vended_file import VendedFile # noqa: PLC0415
        d = dict(src_dict)
        access_type = d.pop("access_type")

        columns = cast(list[str], d.pop("columns"))


        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        location = d.pop("location")

        operation = d.pop("operation")

        table = d.pop("table")

        def _parse_endpoint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        endpoint = _parse_endpoint(d.pop("endpoint", UNSET))


        _files = d.pop("files", UNSET)
        files: list[VendedFile] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = VendedFile.from_dict(files_item_data)



                files.append(files_item)


        def _parse_row_filter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        row_filter = _parse_row_filter(d.pop("row_filter", UNSET))


        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.pop("token", UNSET))


        credentials_response = cls(
            access_type=access_type,
            columns=columns,
            expires_at=expires_at,
            location=location,
            operation=operation,
            table=table,
            endpoint=endpoint,
            files=files,
            row_filter=row_filter,
            token=token,
        )


        credentials_response.additional_properties = d
        return credentials_response

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
