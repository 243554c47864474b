from enum import StrEnum

class TransformOperationRenameOp(StrEnum):
    RENAME = "rename"

    def __str__(self) -> str:
        return str(self.value)
