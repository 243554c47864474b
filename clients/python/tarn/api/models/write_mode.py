from enum import StrEnum

class WriteMode(StrEnum):
    APPEND = "append"
    MERGE = "merge"
    OVERWRITE = "overwrite"
    OVERWRITE_PARTITIONS = "overwrite_partitions"

    def __str__(self) -> str:
        return str(self.value)
