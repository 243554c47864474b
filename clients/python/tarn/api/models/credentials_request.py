from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.credential_operation import CredentialOperation
from ..models.permission_type import PermissionType
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CredentialsRequest")



@_attrs_define
class CredentialsRequest:
    """ 
        Attributes:
            operation (CredentialOperation): What vended credentials allow.
            duration_seconds (int | None | Unset): Lifetime, 300 to 21600 seconds [default: the server's, 900].
            files (list[str] | Unset): For WRITE on S3: the files to write, relative to the table's folder
                (`year=2024/a.parquet`).
            supported_permission_types (list[PermissionType] | Unset): Restrictions the engine enforces itself:
                `COLUMN_PERMISSION`, `CELL_FILTER_PERMISSION`.
     """

    operation: CredentialOperation
    duration_seconds: int | None | Unset = UNSET
    files: list[str] | Unset = UNSET
    supported_permission_types: list[PermissionType] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        operation = self.operation.value

        duration_seconds: int | None | Unset
        if isinstance(self.duration_seconds, Unset):
            duration_seconds = UNSET
        else:
            duration_seconds = self.duration_seconds

        files: list[str] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files



        supported_permission_types: list[str] | Unset = UNSET
        if not isinstance(self.supported_permission_types, Unset):
            supported_permission_types = []
            for supported_permission_types_item_data in self.supported_permission_types:
                supported_permission_types_item = supported_permission_types_item_data.value
                supported_permission_types.append(supported_permission_types_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "operation": operation,
        })
        if duration_seconds is not UNSET:
            field_dict["duration_seconds"] = duration_seconds
        if files is not UNSET:
            field_dict["files"] = files
        if supported_permission_types is not UNSET:
            field_dict["supported_permission_types"] = supported_permission_types

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        operation = CredentialOperation(d.pop("operation"))




        def _parse_duration_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_seconds = _parse_duration_seconds(d.pop("duration_seconds", UNSET))


        files = cast(list[str], d.pop("files", UNSET))


        _supported_permission_types = d.pop("supported_permission_types", UNSET)
        supported_permission_types: list[PermissionType] | Unset = UNSET
        if _supported_permission_types is not UNSET:
            supported_permission_types = []
            for supported_permission_types_item_data in _supported_permission_types:
                supported_permission_types_item = PermissionType(supported_permission_types_item_data)



                supported_permission_types.append(supported_permission_types_item)


        credentials_request = cls(
            operation=operation,
            duration_seconds=duration_seconds,
            files=files,
            supported_permission_types=supported_permission_types,
        )

        return credentials_request

