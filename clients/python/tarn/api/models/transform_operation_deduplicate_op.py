from enum import StrEnum

class TransformOperationDeduplicateOp(StrEnum):
    DEDUPLICATE = "deduplicate"

    def __str__(self) -> str:
        return str(self.value)
