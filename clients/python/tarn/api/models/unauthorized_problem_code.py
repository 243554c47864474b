from enum import StrEnum

class UnauthorizedProblemCode(StrEnum):
    INVALID_CREDENTIALS = "invalid_credentials"
    UNAUTHENTICATED = "unauthenticated"

    def __str__(self) -> str:
        return str(self.value)
