from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "bridgework.people"
    label = "people"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.people import models

        register_audited(models.User, exclude=("password", "last_login"))
        register_audited(
            models.Centre,
            models.CentreAwardingNumber,
            models.Department,
            models.Membership,
            models.Invitation,
            models.ModeratorProfile,
            models.ModeratorAssignment,
        )
        register_audited(models.ApiToken, exclude=("last_used_at", "token_hash"))
