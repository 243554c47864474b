from enum import StrEnum

class SchemaChange(StrEnum):
    FAIL = "fail"
    LOG = "log"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
