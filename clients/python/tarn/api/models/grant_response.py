from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.resource_catalog import ResourceCatalog
  from ..models.resource_data_filter import ResourceDataFilter
  from ..models.resource_database import ResourceDatabase
  from ..models.resource_location import ResourceLocation
  from ..models.resource_table import ResourceTable
  from ..models.resource_tag_expression import ResourceTagExpression





T = TypeVar("T", bound="GrantResponse")



@_attrs_define
class GrantResponse:
    """ 
        Attributes:
            created_at (datetime.datetime):
            grantable (bool):
            granted_by (str):
            principal (str):
            privilege (str):
            resource (ResourceCatalog | ResourceDatabase | ResourceDataFilter | ResourceLocation | ResourceTable |
                ResourceTagExpression): Exactly one of these keys.
     """

    created_at: datetime.datetime
    grantable: bool
    granted_by: str
    principal: str
    privilege: str
    resource: ResourceCatalog | ResourceDatabase | ResourceDataFilter | ResourceLocation | ResourceTable | ResourceTagExpression
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_catalog import ResourceCatalog # noqa: PLC0415
        from ..models.resource_data_filter import ResourceDataFilter # noqa: PLC0415
        from ..models.resource_database import ResourceDatabase # noqa: PLC0415
        from ..models.resource_location import ResourceLocation # noqa: PLC0415
        from ..models.resource_table import ResourceTable # noqa: PLC0415
        from ..models.resource_tag_expression import ResourceTagExpression # noqa: PLC0415
        created_at = self.created_at.isoformat()

        grantable = self.grantable

        granted_by = self.granted_by

        principal = self.principal

        privilege = self.privilege

        resource: dict[str, Any]
        if isinstance(self.resource, ResourceCatalog):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceDatabase):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceTable):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceDataFilter):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceLocation):
            resource = self.resource.to_dict()
        else:
            resource = self.resource.to_dict()



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "grantable": grantable,
            "granted_by": granted_by,
            "principal": principal,
            "privilege": privilege,
            "resource": resource,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resource_catalog import ResourceCatalog # noqa: PLC0415
        from ..models.resource_data_filter import ResourceDataFilter # noqa: PLC0415
        from ..models.resource_database import ResourceDatabase # noqa: PLC0415
        from ..models.resource_location import ResourceLocation # noqa: PLC0415
        from ..models.resource_table import ResourceTable # noqa: PLC0415
        from ..models.resource_tag_expression import ResourceTagExpression # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        grantable = d.pop("grantable")

        granted_by = d.pop("granted_by")

        principal = d.pop("principal")

        privilege = d.pop("privilege")

        def _parse_resource(data: object) -> ResourceCatalog | ResourceDatabase | ResourceDataFilter | ResourceLocation | ResourceTable | ResourceTagExpression:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_0 = ResourceCatalog.from_dict(data)



                return componentsschemas_resource_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_1 = ResourceDatabase.from_dict(data)



                return componentsschemas_resource_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_2 = ResourceTable.from_dict(data)



                return componentsschemas_resource_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_3 = ResourceDataFilter.from_dict(data)



                return componentsschemas_resource_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_4 = ResourceLocation.from_dict(data)



                return componentsschemas_resource_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_resource_type_5 = ResourceTagExpression.from_dict(data)



            return componentsschemas_resource_type_5

        resource = _parse_resource(d.pop("resource"))


        grant_response = cls(
            created_at=created_at,
            grantable=grantable,
            granted_by=granted_by,
            principal=principal,
            privilege=privilege,
            resource=resource,
        )


        grant_response.additional_properties = d
        return grant_response

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
