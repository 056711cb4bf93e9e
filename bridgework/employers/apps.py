from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "bridgework.employers"
    label = "employers"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.employers import models

        register_audited(models.Employer, m2m_fields={"sectors"})
        register_audited(models.EmployerPerson, m2m_fields={"sectors"})
        register_audited(models.EmployerSite, models.Affiliation, models.EmployerCheck)
