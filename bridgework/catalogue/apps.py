from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "bridgework.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from bridgework.catalogue import models
        from bridgework.core.audit import register_audited

        register_audited(models.AwardingOrganisation, models.Sector, models.Qualification, models.Unit)
