from enum import StrEnum

class TransformOperationTokenizeOp(StrEnum):
    TOKENIZE = "tokenize"

    def __str__(self) -> str:
        return str(self.value)
