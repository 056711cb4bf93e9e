from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "bridgework.employers"
    label = "employers"

    def ready(self) -> None:
        from bridgework.core.audit import register_audited
        from bridgework.core.navigation import AREA_NAV, NavEntry
        from bridgework.employers import models

        register_audited(models.Employer, m2m_fields={"sectors"})
        register_audited(models.EmployerPerson, m2m_fields={"sectors"})
        register_audited(models.EmployerSite, models.Affiliation, models.EmployerCheck, models.EmployerMerge)
        register_audited(models.Interaction, m2m_fields={"people"})
        register_audited(models.Agreement, models.AgreementSignature)

        AREA_NAV["learner"].append(NavEntry("Agreements", "learner:agreement_list", section="learner:agreement"))
        AREA_NAV["portal"].append(NavEntry("Agreements", "portal:agreement_list", section="portal:agreement"))
