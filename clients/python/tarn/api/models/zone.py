from enum import StrEnum

class Zone(StrEnum):
    CLEANED = "cleaned"
    CURATED = "curated"
    RAW = "raw"

    def __str__(self) -> str:
        return str(self.value)
