from enum import StrEnum

class PreconditionRequiredProblemCode(StrEnum):
    PRECONDITION_REQUIRED = "precondition_required"

    def __str__(self) -> str:
        return str(self.value)
