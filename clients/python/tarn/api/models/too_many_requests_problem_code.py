from enum import StrEnum

class TooManyRequestsProblemCode(StrEnum):
    STREAM_BACKLOG = "stream_backlog"
    TOO_MANY_QUERIES = "too_many_queries"
    TOO_MANY_REQUESTS = "too_many_requests"

    def __str__(self) -> str:
        return str(self.value)
