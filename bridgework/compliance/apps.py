from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "bridgework.compliance"
    label = "compliance"

    def ready(self) -> None:
        from bridgework.compliance.models import NotificationPreference
        from bridgework.core.audit import register_audited

        register_audited(NotificationPreference)
