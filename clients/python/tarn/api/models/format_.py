from enum import StrEnum

class Format(StrEnum):
    AVRO = "avro"
    CSV = "csv"
    JSON = "json"
    ORC = "orc"
    PARQUET = "parquet"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
