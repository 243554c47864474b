from enum import StrEnum

class TagResourceType(StrEnum):
    DATABASE = "database"
    TABLE = "table"

    def __str__(self) -> str:
        return str(self.value)
