from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.lineage_events_events_item import LineageEventsEventsItem





T = TypeVar("T", bound="LineageEvents")



@_attrs_define
class LineageEvents:
    """ 
        Attributes:
            events (list[LineageEventsEventsItem]): OpenLineage RunEvents (spec 2-0-2): START, then COMPLETE, FAIL or ABORT,
                per run; outputs
                carry the schema and columnLineage facets.
     """

    events: list[LineageEventsEventsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lineage_events_events_item import LineageEventsEventsItem # noqa: PLC0415
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "events": events,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lineage_events_events_item import LineageEventsEventsItem # noqa: PLC0415
        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = LineageEventsEventsItem.from_dict(events_item_data)



            events.append(events_item)


        lineage_events = cls(
            events=events,
        )


        lineage_events.additional_properties = d
        return lineage_events

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
