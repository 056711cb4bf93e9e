from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "bridgework.moderation"
    label = "moderation"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.moderation import models

        register_audited(
            models.ApprovalCase,
            models.ApprovalRound,
            models.ModerationFile,
            models.ImprovementAction,
            models.Submission,
            models.SubmissionRound,
            models.LearnerClaim,
            models.Declaration,
            models.EvidenceSample,
            models.SubmissionPack,
            models.EvidenceRequest,
            models.EvidenceMessage,
            models.VisitReport,
        )
