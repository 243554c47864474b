from enum import StrEnum

class PrivilegeName(StrEnum):
    ALL = "ALL"
    ALTER = "ALTER"
    CREATE_DATABASE = "CREATE_DATABASE"
    CREATE_TABLE = "CREATE_TABLE"
    DATA_LOCATION_ACCESS = "DATA_LOCATION_ACCESS"
    DELETE = "DELETE"
    DESCRIBE = "DESCRIBE"
    DROP = "DROP"
    INSERT = "INSERT"
    SELECT = "SELECT"

    def __str__(self) -> str:
        return str(self.value)
