from enum import StrEnum

class ForbiddenProblemCode(StrEnum):
    COLUMN_NOT_PERMITTED = "column_not_permitted"
    ENFORCEMENT_REQUIRED = "enforcement_required"
    FORBIDDEN = "forbidden"
    STATEMENT_NOT_ALLOWED = "statement_not_allowed"
    TOKEN_OUT_OF_SCOPE = "token_out_of_scope"

    def __str__(self) -> str:
        return str(self.value)
