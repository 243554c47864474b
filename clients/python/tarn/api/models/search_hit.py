from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.match import Match
  from ..models.search_hit_tags import SearchHitTags
  from ..models.search_quality import SearchQuality





T = TypeVar("T", bound="SearchHit")



@_attrs_define
class SearchHit:
    """ 
        Attributes:
            database (str):
            kind (str): `database`, `table` or `column`.
            matches (list[Match]):
            tags (SearchHitTags):
            column (None | str | Unset):
            data_type (None | str | Unset):
            description (None | str | Unset):
            domain (None | str | Unset):
            format_ (None | str | Unset):
            owner (None | str | Unset):
            quality (None | SearchQuality | Unset):
            sensitivity (None | str | Unset):
            steward (None | str | Unset):
            table (None | str | Unset):
            zone (None | str | Unset):
     """

    database: str
    kind: str
    matches: list[Match]
    tags: SearchHitTags
    column: None | str | Unset = UNSET
    data_type: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    format_: None | str | Unset = UNSET
    owner: None | str | Unset = UNSET
    quality: None | SearchQuality | Unset = UNSET
    sensitivity: None | str | Unset = UNSET
    steward: None | str | Unset = UNSET
    table: None | str | Unset = UNSET
    zone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.match import Match # noqa: PLC0415
        from ..models.search_hit_tags import SearchHitTags # noqa: PLC0415
        from ..models.search_quality import SearchQuality # noqa: PLC0415
        database = self.database

        kind = self.kind

        matches = []
        for matches_item_data in self.matches:
            matches_item = matches_item_data.to_dict()
            matches.append(matches_item)



        tags = self.tags.to_dict()

        column: None | str | Unset
        if isinstance(self.column, Unset):
            column = UNSET
        else:
            column = self.column

        data_type: None | str | Unset
        if isinstance(self.data_type, Unset):
            data_type = UNSET
        else:
            data_type = self.data_type

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        owner: None | str | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        quality: dict[str, Any] | None | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        elif isinstance(self.quality, SearchQuality):
            quality = self.quality.to_dict()
        else:
            quality = self.quality

        sensitivity: None | str | Unset
        if isinstance(self.sensitivity, Unset):
            sensitivity = UNSET
        else:
            sensitivity = self.sensitivity

        steward: None | str | Unset
        if isinstance(self.steward, Unset):
            steward = UNSET
        else:
            steward = self.steward

        table: None | str | Unset
        if isinstance(self.table, Unset):
            table = UNSET
        else:
            table = self.table

        zone: None | str | Unset
        if isinstance(self.zone, Unset):
            zone = UNSET
        else:
            zone = self.zone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "database": database,
            "kind": kind,
            "matches": matches,
            "tags": tags,
        })
        if column is not UNSET:
            field_dict["column"] = column
        if data_type is not UNSET:
            field_dict["data_type"] = data_type
        if description is not UNSET:
            field_dict["description"] = description
        if domain is not UNSET:
            field_dict["domain"] = domain
        if format_ is not UNSET:
            field_dict["format"] = format_
        if owner is not UNSET:
            field_dict["owner"] = owner
        if quality is not UNSET:
            field_dict["quality"] = quality
        if sensitivity is not UNSET:
            field_dict["sensitivity"] = sensitivity
        if steward is not UNSET:
            field_dict["steward"] = steward
        if table is not UNSET:
            field_dict["table"] = table
        if zone is not UNSET:
            field_dict["zone"] = zone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.match import Match # noqa: PLC0415
        from ..models.search_hit_tags import SearchHitTags # noqa: PLC0415
        from ..models.search_quality import SearchQuality # noqa: PLC0415
        d = dict(src_dict)
        database = d.pop("database")

        kind = d.pop("kind")

        matches = []
        _matches = d.pop("matches")
        for matches_item_data in (_matches):
            matches_item = Match.from_dict(matches_item_data)



            matches.append(matches_item)


        tags = SearchHitTags.from_dict(d.pop("tags"))




        def _parse_column(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        column = _parse_column(d.pop("column", UNSET))


        def _parse_data_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_type = _parse_data_type(d.pop("data_type", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))


        def _parse_format_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))


        def _parse_owner(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))


        def _parse_quality(data: object) -> None | SearchQuality | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quality_type_0 = SearchQuality.from_dict(data)



                return quality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SearchQuality | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))


        def _parse_sensitivity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sensitivity = _parse_sensitivity(d.pop("sensitivity", UNSET))


        def _parse_steward(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        steward = _parse_steward(d.pop("steward", UNSET))


        def _parse_table(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        table = _parse_table(d.pop("table", UNSET))


        def _parse_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        zone = _parse_zone(d.pop("zone", UNSET))


        search_hit = cls(
            database=database,
            kind=kind,
            matches=matches,
            tags=tags,
            column=column,
            data_type=data_type,
            description=description,
            domain=domain,
            format_=format_,
            owner=owner,
            quality=quality,
            sensitivity=sensitivity,
            steward=steward,
            table=table,
            zone=zone,
        )


        search_hit.additional_properties = d
        return search_hit

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
