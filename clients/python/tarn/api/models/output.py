from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.compression import Compression
from ..models.output_format import OutputFormat
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Output")



@_attrs_define
class Output:
    """ 
        Attributes:
            compression (Compression | None | Unset):
            format_ (OutputFormat | Unset):
     """

    compression: Compression | None | Unset = UNSET
    format_: OutputFormat | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        compression: None | str | Unset
        if isinstance(self.compression, Unset):
            compression = UNSET
        elif isinstance(self.compression, Compression):
            compression = self.compression.value
        else:
            compression = self.compression

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if compression is not UNSET:
            field_dict["compression"] = compression
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_compression(data: object) -> Compression | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                compression_type_0 = Compression(data)



                return compression_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Compression | None | Unset, data)

        compression = _parse_compression(d.pop("compression", UNSET))


        _format_ = d.pop("format", UNSET)
        format_: OutputFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = OutputFormat(_format_)




        output = cls(
            compression=compression,
            format_=format_,
        )

        return output

