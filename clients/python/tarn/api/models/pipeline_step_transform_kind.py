from enum import StrEnum

class PipelineStepTransformKind(StrEnum):
    TRANSFORM = "transform"

    def __str__(self) -> str:
        return str(self.value)
