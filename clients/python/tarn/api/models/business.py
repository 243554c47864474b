from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.business_properties import BusinessProperties





T = TypeVar("T", bound="Business")



@_attrs_define
class Business:
    """ 
        Attributes:
            classification (None | str | Unset):
            domain (None | str | Unset):
            owner (None | str | Unset):
            properties (BusinessProperties | Unset):
            steward (None | str | Unset):
     """

    classification: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    owner: None | str | Unset = UNSET
    properties: BusinessProperties | Unset = UNSET
    steward: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.business_properties import BusinessProperties # noqa: PLC0415
        classification: None | str | Unset
        if isinstance(self.classification, Unset):
            classification = UNSET
        else:
            classification = self.classification

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        steward: None | str | Unset
        if isinstance(self.steward, Unset):
            steward = UNSET
        else:
            steward = self.steward


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if classification is not UNSET:
            field_dict["classification"] = classification
        if domain is not UNSET:
            field_dict["domain"] = domain
        if owner is not UNSET:
            field_dict["owner"] = owner
        if properties is not UNSET:
            field_dict["properties"] = properties
        if steward is not UNSET:
            field_dict["steward"] = steward

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_properties import BusinessProperties # noqa: PLC0415
        d = dict(src_dict)
        def _parse_classification(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        classification = _parse_classification(d.pop("classification", UNSET))


        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))


        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))


        _properties = d.pop("properties", UNSET)
        properties: BusinessProperties | Unset
        if isinstance(_properties,  Unset):
            properties = UNSET
        else:
            properties = BusinessProperties.from_dict(_properties)




        def _parse_steward(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        steward = _parse_steward(d.pop("steward", UNSET))


        business = cls(
            classification=classification,
            domain=domain,
            owner=owner,
            properties=properties,
            steward=steward,
        )

        return business

