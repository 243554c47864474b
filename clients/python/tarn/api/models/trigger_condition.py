from enum import StrEnum

class TriggerCondition(StrEnum):
    ALL_FAILED = "all_failed"
    ALL_SUCCEEDED = "all_succeeded"
    ANY_FAILED = "any_failed"
    ANY_SUCCEEDED = "any_succeeded"

    def __str__(self) -> str:
        return str(self.value)
