from enum import StrEnum

class TransformOperationFlattenOp(StrEnum):
    FLATTEN = "flatten"

    def __str__(self) -> str:
        return str(self.value)
