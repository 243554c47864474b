from enum import StrEnum

class OutputFormat(StrEnum):
    JSON_LINES = "json_lines"
    PARQUET = "parquet"

    def __str__(self) -> str:
        return str(self.value)
