from enum import StrEnum

class PipelineTriggerDataKind(StrEnum):
    DATA = "data"

    def __str__(self) -> str:
        return str(self.value)
