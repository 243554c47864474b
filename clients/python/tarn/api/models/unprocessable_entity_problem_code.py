from enum import StrEnum

class UnprocessableEntityProblemCode(StrEnum):
    QUERY_MEMORY_EXCEEDED = "query_memory_exceeded"
    UNSUPPORTED_FORMAT = "unsupported_format"

    def __str__(self) -> str:
        return str(self.value)
