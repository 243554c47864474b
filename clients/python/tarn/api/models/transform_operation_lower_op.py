from enum import StrEnum

class TransformOperationLowerOp(StrEnum):
    LOWER = "lower"

    def __str__(self) -> str:
        return str(self.value)
