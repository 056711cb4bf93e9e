from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "bridgework.portfolio"
    label = "portfolio"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.core.navigation import AREA_NAV, NavEntry
        from bridgework.portfolio import models

        register_audited(
            models.JournalEntry,
            models.WeeklyUpdate,
            models.Share,
            models.Feedback,
            models.ExpertWitnessStatement,
            models.AssignmentDeadline,
            models.EntryCitation,
        )
        register_audited(models.Attachment, exclude=("file",))
        AREA_NAV["learner"].extend(
            [
                NavEntry("My learning", "learner:home"),
                NavEntry("My portfolio", "learner:portfolio", section="learner:entry"),
                NavEntry("Who can see what", "learner:sharing"),
            ]
        )
        AREA_NAV["portal"].extend(
            [
                NavEntry("Your learners", "portal:home"),
                NavEntry("Deadlines and dates", "portal:deadlines"),
                NavEntry("Registers", "portal:registers"),
            ]
        )
