from enum import StrEnum

class RuleAction(StrEnum):
    FAIL = "fail"
    QUARANTINE = "quarantine"
    WARN = "warn"

    def __str__(self) -> str:
        return str(self.value)
