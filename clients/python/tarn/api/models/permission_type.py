from enum import StrEnum

class PermissionType(StrEnum):
    CELL_FILTER_PERMISSION = "CELL_FILTER_PERMISSION"
    COLUMN_PERMISSION = "COLUMN_PERMISSION"

    def __str__(self) -> str:
        return str(self.value)
