from enum import StrEnum

class PipelineStepSqlKind(StrEnum):
    SQL = "sql"

    def __str__(self) -> str:
        return str(self.value)
