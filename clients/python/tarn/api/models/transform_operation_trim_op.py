from enum import StrEnum

class TransformOperationTrimOp(StrEnum):
    TRIM = "trim"

    def __str__(self) -> str:
        return str(self.value)
