from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.privilege_name import PrivilegeName
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.resource_catalog import ResourceCatalog
  from ..models.resource_data_filter import ResourceDataFilter
  from ..models.resource_database import ResourceDatabase
  from ..models.resource_location import ResourceLocation
  from ..models.resource_table import ResourceTable
  from ..models.resource_tag_expression import ResourceTagExpression





T = TypeVar("T", bound="GrantBody")



@_attrs_define
class GrantBody:
    """ 
        Attributes:
            principal (str): `user:alice`, `group:analysts` or `service:etl`. Example: group:analysts.
            privileges (list[PrivilegeName]): CREATE_DATABASE, CREATE_TABLE, ALTER, DROP, DESCRIBE, SELECT, INSERT, DELETE,
                DATA_LOCATION_ACCESS, ALL.
            resource (ResourceCatalog | ResourceDatabase | ResourceDataFilter | ResourceLocation | ResourceTable |
                ResourceTagExpression): Exactly one of these keys.
            grantable (bool | Unset): With grant option: the grantee may pass these privileges on.
     """

    principal: str
    privileges: list[PrivilegeName]
    resource: ResourceCatalog | ResourceDatabase | ResourceDataFilter | ResourceLocation | ResourceTable | ResourceTagExpression
    grantable: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_catalog import ResourceCatalog # noqa: PLC0415
        from ..models.resource_data_filter import ResourceDataFilter # noqa: PLC0415
        from ..models.resource_database import ResourceDatabase # noqa: PLC0415
        from ..models.resource_location import ResourceLocation # noqa: PLC0415
        from ..models.resource_table import ResourceTable # noqa: PLC0415
        from ..models.resource_tag_expression import ResourceTagExpression # noqa: PLC0415
        principal = self.principal

        privileges = []
        for privileges_item_data in self.privileges:
            privileges_item = privileges_item_data.value
            privileges.append(privileges_item)



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


        grantable = self.grantable


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "principal": principal,
            "privileges": privileges,
            "resource": resource,
        })
        if grantable is not UNSET:
            field_dict["grantable"] = grantable

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
        principal = d.pop("principal")

        privileges = []
        _privileges = d.pop("privileges")
        for privileges_item_data in (_privileges):
            privileges_item = PrivilegeName(privileges_item_data)



            privileges.append(privileges_item)


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


        grantable = d.pop("grantable", UNSET)

        grant_body = cls(
            principal=principal,
            privileges=privileges,
            resource=resource,
            grantable=grantable,
        )

        return grant_body

