from enum import StrEnum

class InternalServerErrorProblemCode(StrEnum):
    INTERNAL = "internal"

    def __str__(self) -> str:
        return str(self.value)
