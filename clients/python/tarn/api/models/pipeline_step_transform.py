from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_step_transform_kind import PipelineStepTransformKind
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.transform_operation_cast import TransformOperationCast
  from ..models.transform_operation_deduplicate import TransformOperationDeduplicate
  from ..models.transform_operation_fill_null import TransformOperationFillNull
  from ..models.transform_operation_filter import TransformOperationFilter
  from ..models.transform_operation_flatten import TransformOperationFlatten
  from ..models.transform_operation_hash import TransformOperationHash
  from ..models.transform_operation_lower import TransformOperationLower
  from ..models.transform_operation_mask import TransformOperationMask
  from ..models.transform_operation_parse_timestamp import TransformOperationParseTimestamp
  from ..models.transform_operation_rename import TransformOperationRename
  from ..models.transform_operation_tokenize import TransformOperationTokenize
  from ..models.transform_operation_trim import TransformOperationTrim
  from ..models.transform_operation_upper import TransformOperationUpper





T = TypeVar("T", bound="PipelineStepTransform")



@_attrs_define
class PipelineStepTransform:
    """ Declarative operations applied in order to `input`.

        Attributes:
            input_ (str):
            kind (PipelineStepTransformKind):
            name (str):
            operations (list[TransformOperationCast | TransformOperationDeduplicate | TransformOperationFillNull |
                TransformOperationFilter | TransformOperationFlatten | TransformOperationHash | TransformOperationLower |
                TransformOperationMask | TransformOperationParseTimestamp | TransformOperationRename |
                TransformOperationTokenize | TransformOperationTrim | TransformOperationUpper]):
            quarantine (str | Unset): `database.table` for rows whose quarantining cast fails [default: the downstream
                write's table + `_quarantine`].
     """

    input_: str
    kind: PipelineStepTransformKind
    name: str
    operations: list[TransformOperationCast | TransformOperationDeduplicate | TransformOperationFillNull | TransformOperationFilter | TransformOperationFlatten | TransformOperationHash | TransformOperationLower | TransformOperationMask | TransformOperationParseTimestamp | TransformOperationRename | TransformOperationTokenize | TransformOperationTrim | TransformOperationUpper]
    quarantine: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.transform_operation_cast import TransformOperationCast # noqa: PLC0415
        from ..models.transform_operation_deduplicate import TransformOperationDeduplicate # noqa: PLC0415
        from ..models.transform_operation_fill_null import TransformOperationFillNull # noqa: PLC0415
        from ..models.transform_operation_filter import TransformOperationFilter # noqa: PLC0415
        from ..models.transform_operation_flatten import TransformOperationFlatten # noqa: PLC0415
        from ..models.transform_operation_hash import TransformOperationHash # noqa: PLC0415
        from ..models.transform_operation_lower import TransformOperationLower # noqa: PLC0415
        from ..models.transform_operation_mask import TransformOperationMask # noqa: PLC0415
        from ..models.transform_operation_parse_timestamp import TransformOperationParseTimestamp # noqa: PLC0415
        from ..models.transform_operation_rename import TransformOperationRename # noqa: PLC0415
        from ..models.transform_operation_tokenize import TransformOperationTokenize # noqa: PLC0415
        from ..models.transform_operation_trim import TransformOperationTrim # noqa: PLC0415
        from ..models.transform_operation_upper import TransformOperationUpper # noqa: PLC0415
        input_ = self.input_

        kind = self.kind.value

        name = self.name

        operations = []
        for operations_item_data in self.operations:
            operations_item: dict[str, Any]
            if isinstance(operations_item_data, TransformOperationRename):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationCast):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationTrim):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationLower):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationUpper):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationParseTimestamp):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationFillNull):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationDeduplicate):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationFlatten):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationMask):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationHash):
                operations_item = operations_item_data.to_dict()
            elif isinstance(operations_item_data, TransformOperationTokenize):
                operations_item = operations_item_data.to_dict()
            else:
                operations_item = operations_item_data.to_dict()

            operations.append(operations_item)



        quarantine = self.quarantine


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "input": input_,
            "kind": kind,
            "name": name,
            "operations": operations,
        })
        if quarantine is not UNSET:
            field_dict["quarantine"] = quarantine

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transform_operation_cast import TransformOperationCast # noqa: PLC0415
        from ..models.transform_operation_deduplicate import TransformOperationDeduplicate # noqa: PLC0415
        from ..models.transform_operation_fill_null import TransformOperationFillNull # noqa: PLC0415
        from ..models.transform_operation_filter import TransformOperationFilter # noqa: PLC0415
        from ..models.transform_operation_flatten import TransformOperationFlatten # noqa: PLC0415
        from ..models.transform_operation_hash import TransformOperationHash # noqa: PLC0415
        from ..models.transform_operation_lower import TransformOperationLower # noqa: PLC0415
        from ..models.transform_operation_mask import TransformOperationMask # noqa: PLC0415
        from ..models.transform_operation_parse_timestamp import TransformOperationParseTimestamp # noqa: PLC0415
        from ..models.transform_operation_rename import TransformOperationRename # noqa: PLC0415
        from ..models.transform_operation_tokenize import TransformOperationTokenize # noqa: PLC0415
        from ..models.transform_operation_trim import TransformOperationTrim # noqa: PLC0415
        from ..models.transform_operation_upper import TransformOperationUpper # noqa: PLC0415
        d = dict(src_dict)
        input_ = d.pop("input")

        kind = PipelineStepTransformKind(d.pop("kind"))




        name = d.pop("name")

        operations = []
        _operations = d.pop("operations")
        for operations_item_data in (_operations):
            def _parse_operations_item(data: object) -> TransformOperationCast | TransformOperationDeduplicate | TransformOperationFillNull | TransformOperationFilter | TransformOperationFlatten | TransformOperationHash | TransformOperationLower | TransformOperationMask | TransformOperationParseTimestamp | TransformOperationRename | TransformOperationTokenize | TransformOperationTrim | TransformOperationUpper:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_0 = TransformOperationRename.from_dict(data)



                    return componentsschemas_transform_operation_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_1 = TransformOperationCast.from_dict(data)



                    return componentsschemas_transform_operation_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_2 = TransformOperationTrim.from_dict(data)



                    return componentsschemas_transform_operation_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_3 = TransformOperationLower.from_dict(data)



                    return componentsschemas_transform_operation_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_4 = TransformOperationUpper.from_dict(data)



                    return componentsschemas_transform_operation_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_5 = TransformOperationParseTimestamp.from_dict(data)



                    return componentsschemas_transform_operation_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_6 = TransformOperationFillNull.from_dict(data)



                    return componentsschemas_transform_operation_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_7 = TransformOperationDeduplicate.from_dict(data)



                    return componentsschemas_transform_operation_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_8 = TransformOperationFlatten.from_dict(data)



                    return componentsschemas_transform_operation_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_9 = TransformOperationMask.from_dict(data)



                    return componentsschemas_transform_operation_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_10 = TransformOperationHash.from_dict(data)



                    return componentsschemas_transform_operation_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_transform_operation_type_11 = TransformOperationTokenize.from_dict(data)



                    return componentsschemas_transform_operation_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_transform_operation_type_12 = TransformOperationFilter.from_dict(data)



                return componentsschemas_transform_operation_type_12

            operations_item = _parse_operations_item(operations_item_data)

            operations.append(operations_item)


        quarantine = d.pop("quarantine", UNSET)

        pipeline_step_transform = cls(
            input_=input_,
            kind=kind,
            name=name,
            operations=operations,
            quarantine=quarantine,
        )

        return pipeline_step_transform

