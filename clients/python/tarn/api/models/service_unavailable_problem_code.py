from enum import StrEnum

class ServiceUnavailableProblemCode(StrEnum):
    TIMEOUT = "timeout"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
