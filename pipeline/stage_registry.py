"""Every stage a pipeline run can execute, in pipeline order (SPEC.md section 1)."""

from pipeline.alignment.stages import STAGE_CLASSES as ALIGNMENT_STAGE_CLASSES
from pipeline.generation.stages import STAGE_CLASSES as GENERATION_STAGE_CLASSES

STAGE_CLASSES = {**GENERATION_STAGE_CLASSES, **ALIGNMENT_STAGE_CLASSES}
PIPELINE_STAGES = tuple(STAGE_CLASSES)
