from enum import StrEnum

class BadRequestProblemCode(StrEnum):
    BATCH_TOO_LARGE = "batch_too_large"
    DUPLICATE_COLUMN = "duplicate_column"
    INVALID_FILTER = "invalid_filter"
    INVALID_NAME = "invalid_name"
    INVALID_PAGE_TOKEN = "invalid_page_token"
    INVALID_PARTITION_KEYS = "invalid_partition_keys"
    INVALID_PARTITION_VALUES = "invalid_partition_values"
    INVALID_PATH = "invalid_path"
    INVALID_PIPELINE = "invalid_pipeline"
    INVALID_QUERY = "invalid_query"
    INVALID_REQUEST = "invalid_request"
    INVALID_TYPE = "invalid_type"
    MALFORMED_JSON = "malformed_json"

    def __str__(self) -> str:
        return str(self.value)
