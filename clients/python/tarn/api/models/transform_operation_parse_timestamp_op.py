from enum import StrEnum

class TransformOperationParseTimestampOp(StrEnum):
    PARSE_TIMESTAMP = "parse_timestamp"

    def __str__(self) -> str:
        return str(self.value)
