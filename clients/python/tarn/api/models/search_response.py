from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.search_hit import SearchHit
  from ..models.search_response_facets import SearchResponseFacets





T = TypeVar("T", bound="SearchResponse")



@_attrs_define
class SearchResponse:
    """ 
        Attributes:
            facets (SearchResponseFacets): Counts over the whole result set: zone, format, database, owner, domain, tags.
            results (list[SearchHit]):
            total (int): Hits in the whole result set (only what the caller may see).
            next_page_token (None | str | Unset):
     """

    facets: SearchResponseFacets
    results: list[SearchHit]
    total: int
    next_page_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.search_hit import SearchHit # noqa: PLC0415
        from ..models.search_response_facets import SearchResponseFacets # noqa: PLC0415
        facets = self.facets.to_dict()

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        total = self.total

        next_page_token: None | str | Unset
        if isinstance(self.next_page_token, Unset):
            next_page_token = UNSET
        else:
            next_page_token = self.next_page_token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "facets": facets,
            "results": results,
            "total": total,
        })
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_hit import SearchHit # noqa: PLC0415
        from ..models.search_response_facets import SearchResponseFacets # noqa: PLC0415
        d = dict(src_dict)
        facets = SearchResponseFacets.from_dict(d.pop("facets"))




        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = SearchHit.from_dict(results_item_data)



            results.append(results_item)


        total = d.pop("total")

        def _parse_next_page_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_page_token = _parse_next_page_token(d.pop("next_page_token", UNSET))


        search_response = cls(
            facets=facets,
            results=results,
            total=total,
            next_page_token=next_page_token,
        )


        search_response.additional_properties = d
        return search_response

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
