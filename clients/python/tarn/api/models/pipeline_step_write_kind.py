from enum import StrEnum

class PipelineStepWriteKind(StrEnum):
    WRITE = "write"

    def __str__(self) -> str:
        return str(self.value)
