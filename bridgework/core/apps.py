from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bridgework.core"
    label = "core"
