from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.replay_body import ReplayBody





T = TypeVar("T", bound="RunRequest")



@_attrs_define
class RunRequest:
    """ How to start a run.

        Attributes:
            replay (None | ReplayBody | Unset):
     """

    replay: None | ReplayBody | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.replay_body import ReplayBody # noqa: PLC0415
        replay: dict[str, Any] | None | Unset
        if isinstance(self.replay, Unset):
            replay = UNSET
        elif isinstance(self.replay, ReplayBody):
            replay = self.replay.to_dict()
        else:
            replay = self.replay


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if replay is not UNSET:
            field_dict["replay"] = replay

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.replay_body import ReplayBody # noqa: PLC0415
        d = dict(src_dict)
        def _parse_replay(data: object) -> None | ReplayBody | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                replay_type_0 = ReplayBody.from_dict(data)



                return replay_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReplayBody | Unset, data)

        replay = _parse_replay(d.pop("replay", UNSET))


        run_request = cls(
            replay=replay,
        )

        return run_request

