"""Activity types (domain.md §3): the seven that can count as meaningful employer involvement, each with
its DfE category, and the kinds that are valuable but never count."""

from __future__ import annotations

from django.db import models


class ActivityType(models.TextChoices):
    WORK_EXPERIENCE = "work_experience", "Work experience"
    WORK_PLACEMENT = "work_placement", "Work placement (arranged by the centre)"
    PRACTICAL_ACTIVITY = "practical_activity", "Practical activity"
    FORMATIVE_ASSESSMENT = "formative_assessment", "Locally set formative assessment"
    GUEST_LECTURE = "guest_lecture", "Guest lecture"
    MASTER_CLASS = "master_class", "Master class"
    EXPERT_WITNESS = "expert_witness", "Expert witness for practical assessment"
    EMPLOYER_VISIT = "employer_visit", "Employer visit or premises/equipment"
    CAREERS_TALK = "careers_talk", "Careers or employability talk"
    CAREERS_FAIR = "careers_fair", "Careers fair, event or networking"
    SIMULATED_ENVIRONMENT = "simulated_environment", "Simulated or provider-based work environment"
    DESIGN_INPUT = "design_input", "Employer input to qualification design"
    JOB_REFERENCE = "job_reference", "Job reference"


# DfE categories 1–4 of meaningful activity (domain.md §3).
DFE_CATEGORY: dict[str, int] = {
    ActivityType.WORK_EXPERIENCE: 1,
    ActivityType.WORK_PLACEMENT: 1,
    ActivityType.PRACTICAL_ACTIVITY: 2,
    ActivityType.FORMATIVE_ASSESSMENT: 2,
    ActivityType.GUEST_LECTURE: 3,
    ActivityType.MASTER_CLASS: 3,
    ActivityType.EXPERT_WITNESS: 4,
}
ELIGIBLE_TYPES = frozenset(DFE_CATEGORY)
# Guest lectures and master classes count together and need several sessions (domain.md §3, a setting).
CO_DELIVERY_TYPES = frozenset({ActivityType.GUEST_LECTURE, ActivityType.MASTER_CLASS})


def is_eligible(activity_type: str) -> bool:
    return activity_type in ELIGIBLE_TYPES
