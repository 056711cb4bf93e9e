from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "bridgework.activities"
    label = "activities"

    def ready(self) -> None:
        from bridgework.activities import models
        from bridgework.core.audit import register_audited

        register_audited(models.Activity, m2m_fields={"qualifications", "units", "practitioners", "teaching_groups"})
        register_audited(
            models.Participant,
            models.ActivitySession,
            models.AttendanceMark,
            models.CustomAttendanceStatus,
            models.Contingency,
            models.CentrePlan,
            models.PlannedActivity,
            models.EvidenceFile,
            models.CalendarFeed,
        )
