from enum import StrEnum

class DeletedFolders(StrEnum):
    DELETE = "delete"
    DEPRECATE = "deprecate"
    IGNORE = "ignore"

    def __str__(self) -> str:
        return str(self.value)
