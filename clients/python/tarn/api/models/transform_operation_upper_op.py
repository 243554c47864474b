from enum import StrEnum

class TransformOperationUpperOp(StrEnum):
    UPPER = "upper"

    def __str__(self) -> str:
        return str(self.value)
