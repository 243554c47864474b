from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.empty import Empty





T = TypeVar("T", bound="ResourceCatalog")



@_attrs_define
class ResourceCatalog:
    """ 
        Attributes:
            catalog (Empty):
     """

    catalog: Empty





    def to_dict(self) -> dict[str, Any]:
        from ..models.empty import Empty # noqa: PLC0415
        catalog = self.catalog.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "catalog": catalog,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.empty import Empty # noqa: PLC0415
        d = dict(src_dict)
        catalog = Empty.from_dict(d.pop("catalog"))




        resource_catalog = cls(
            catalog=catalog,
        )

        return resource_catalog

