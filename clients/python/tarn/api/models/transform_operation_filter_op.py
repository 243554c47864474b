from enum import StrEnum

class TransformOperationFilterOp(StrEnum):
    FILTER = "filter"

    def __str__(self) -> str:
        return str(self.value)
