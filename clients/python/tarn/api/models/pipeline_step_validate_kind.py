from enum import StrEnum

class PipelineStepValidateKind(StrEnum):
    VALIDATE = "validate"

    def __str__(self) -> str:
        return str(self.value)
