from django.apps import AppConfig


class ModeratorConfig(AppConfig):
    name = "bridgework.moderator"
    label = "moderator"

    def ready(self) -> None:
        from bridgework.moderator import navigation  # noqa: F401  (registers the menu)
