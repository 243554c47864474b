from enum import StrEnum

class RequestTimeoutProblemCode(StrEnum):
    QUERY_TIMEOUT = "query_timeout"

    def __str__(self) -> str:
        return str(self.value)
