from django.apps import AppConfig


class ModeratorConfig(AppConfig):
    name = "bridgework.moderator"
    label = "moderator"
