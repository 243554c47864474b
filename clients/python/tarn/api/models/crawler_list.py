from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.crawler_response import CrawlerResponse





T = TypeVar("T", bound="CrawlerList")



@_attrs_define
class CrawlerList:
    """ 
        Attributes:
            crawlers (list[CrawlerResponse]):
     """

    crawlers: list[CrawlerResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.crawler_response import CrawlerResponse # noqa: PLC0415
        crawlers = []
        for crawlers_item_data in self.crawlers:
            crawlers_item = crawlers_item_data.to_dict()
            crawlers.append(crawlers_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "crawlers": crawlers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.crawler_response import CrawlerResponse # noqa: PLC0415
        d = dict(src_dict)
        crawlers = []
        _crawlers = d.pop("crawlers")
        for crawlers_item_data in (_crawlers):
            crawlers_item = CrawlerResponse.from_dict(crawlers_item_data)



            crawlers.append(crawlers_item)


        crawler_list = cls(
            crawlers=crawlers,
        )


        crawler_list.additional_properties = d
        return crawler_list

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
