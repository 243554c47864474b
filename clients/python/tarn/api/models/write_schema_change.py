from enum import StrEnum

class WriteSchemaChange(StrEnum):
    ADD_COLUMNS = "add_columns"
    FAIL = "fail"

    def __str__(self) -> str:
        return str(self.value)
