from enum import StrEnum

class PipelineTriggerScheduleKind(StrEnum):
    SCHEDULE = "schedule"

    def __str__(self) -> str:
        return str(self.value)
