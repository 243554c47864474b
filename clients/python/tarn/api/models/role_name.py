from enum import StrEnum

class RoleName(StrEnum):
    AUDITOR = "auditor"
    DATA_STEWARD = "data_steward"
    LAKE_ADMIN = "lake_admin"
    READ_ONLY_ADMIN = "read_only_admin"

    def __str__(self) -> str:
        return str(self.value)
