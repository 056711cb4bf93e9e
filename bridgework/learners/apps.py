from django.apps import AppConfig


class LearnersConfig(AppConfig):
    name = "bridgework.learners"
    label = "learners"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.learners import models

        register_audited(models.Learner, models.LearnerAwardingNumber, models.Enrolment)
        register_audited(models.TeachingGroup, m2m_fields={"enrolments"})
