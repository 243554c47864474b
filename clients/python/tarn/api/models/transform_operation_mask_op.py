from enum import StrEnum

class TransformOperationMaskOp(StrEnum):
    MASK = "mask"

    def __str__(self) -> str:
        return str(self.value)
