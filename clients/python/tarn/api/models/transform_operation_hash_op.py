from enum import StrEnum

class TransformOperationHashOp(StrEnum):
    HASH = "hash"

    def __str__(self) -> str:
        return str(self.value)
