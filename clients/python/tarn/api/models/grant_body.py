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
  from ..models.resource_type_0 import ResourceType0
  from ..models.resource_type_1 import ResourceType1
  from ..models.resource_type_2 import ResourceType2
  from ..models.resource_type_3 import ResourceType3
  from ..models.resource_type_4 import ResourceType4
  from ..models.resource_type_5 import ResourceType5





T = TypeVar("T", bound="GrantBody")



@_attrs_define
class GrantBody:
    """ 
        Attributes:
            principal (str): `user:alice`, `group:analysts` or `service:etl`. Example: group:analysts.
            privileges (list[PrivilegeName]): CREATE_DATABASE, CREATE_TABLE, ALTER, DROP, DESCRIBE, SELECT, INSERT, DELETE,
                DATA_LOCATION_ACCESS, ALL.
            resource (ResourceType0 | ResourceType1 | ResourceType2 | ResourceType3 | ResourceType4 | ResourceType5):
                Exactly one of these keys.
            grantable (bool | Unset): With grant option: the grantee may pass these privileges on.
     """

    principal: str
    privileges: list[PrivilegeName]
    resource: ResourceType0 | ResourceType1 | ResourceType2 | ResourceType3 | ResourceType4 | ResourceType5
    grantable: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.resource_type_0 import ResourceType0 # noqa: PLC0415
        from ..models.resource_type_1 import ResourceType1 # noqa: PLC0415
        from ..models.resource_type_2 import ResourceType2 # noqa: PLC0415
        from ..models.resource_type_3 import ResourceType3 # noqa: PLC0415
        from ..models.resource_type_4 import ResourceType4 # noqa: PLC0415
        from ..models.resource_type_5 import ResourceType5 # noqa: PLC0415
        principal = self.principal

        privileges = []
        for privileges_item_data in self.privileges:
            privileges_item = privileges_item_data.value
            privileges.append(privileges_item)



        resource: dict[str, Any]
        if isinstance(self.resource, ResourceType0):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceType1):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceType2):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceType3):
            resource = self.resource.to_dict()
        elif isinstance(self.resource, ResourceType4):
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
        from ..models.resource_type_0 import ResourceType0 # noqa: PLC0415
        from ..models.resource_type_1 import ResourceType1 # noqa: PLC0415
        from ..models.resource_type_2 import ResourceType2 # noqa: PLC0415
        from ..models.resource_type_3 import ResourceType3 # noqa: PLC0415
        from ..models.resource_type_4 import ResourceType4 # noqa: PLC0415
        from ..models.resource_type_5 import ResourceType5 # noqa: PLC0415
        d = dict(src_dict)
        principal = d.pop("principal")

        privileges = []
        _privileges = d.pop("privileges")
        for privileges_item_data in (_privileges):
            privileges_item = PrivilegeName(privileges_item_data)



            privileges.append(privileges_item)


        def _parse_resource(data: object) -> ResourceType0 | ResourceType1 | ResourceType2 | ResourceType3 | ResourceType4 | ResourceType5:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_0 = ResourceType0.from_dict(data)



                return componentsschemas_resource_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_1 = ResourceType1.from_dict(data)



                return componentsschemas_resource_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_2 = ResourceType2.from_dict(data)



                return componentsschemas_resource_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_3 = ResourceType3.from_dict(data)



                return componentsschemas_resource_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_resource_type_4 = ResourceType4.from_dict(data)



                return componentsschemas_resource_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_resource_type_5 = ResourceType5.from_dict(data)



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

