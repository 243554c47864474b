from enum import StrEnum

class Compression(StrEnum):
    GZIP = "gzip"
    ZSTD = "zstd"

    def __str__(self) -> str:
        return str(self.value)
