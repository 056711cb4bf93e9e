from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "bridgework.staff"
    label = "staff"

    def ready(self) -> None:
        from bridgework.staff import navigation  # noqa: F401  (registers the menu)
