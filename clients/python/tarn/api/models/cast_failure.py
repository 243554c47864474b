from enum import StrEnum

class CastFailure(StrEnum):
    NULL = "null"
    QUARANTINE = "quarantine"

    def __str__(self) -> str:
        return str(self.value)
