from enum import StrEnum

class PipelineTriggerPipelineKind(StrEnum):
    PIPELINE = "pipeline"

    def __str__(self) -> str:
        return str(self.value)
