from enum import StrEnum

class ConflictProblemCode(StrEnum):
    ALREADY_EXISTS = "already_exists"
    CONFLICT = "conflict"
    CRAWLER_RUNNING = "crawler_running"
    DATABASE_NOT_EMPTY = "database_not_empty"
    FILE_EXISTS = "file_exists"
    LAST_LAKE_ADMIN = "last_lake_admin"
    PIPELINE_RUNNING = "pipeline_running"
    QUERY_CANCELLED = "query_cancelled"

    def __str__(self) -> str:
        return str(self.value)
