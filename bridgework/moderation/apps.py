from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "bridgework.moderation"
    label = "moderation"
