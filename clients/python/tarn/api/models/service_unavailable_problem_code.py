from enum import StrEnum

class ServiceUnavailableProblemCode(StrEnum):
    STORAGE_FULL = "storage_full"
    TIMEOUT = "timeout"
    UNAVAILABLE = "unavailable"

    def __str__(self) -> str:
        return str(self.value)
