from enum import StrEnum

class TransformOperationCastOp(StrEnum):
    CAST = "cast"

    def __str__(self) -> str:
        return str(self.value)
