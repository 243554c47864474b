from enum import StrEnum

class TransformOperationFillNullOp(StrEnum):
    FILL_NULL = "fill_null"

    def __str__(self) -> str:
        return str(self.value)
