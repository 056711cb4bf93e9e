from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "bridgework.platform"
    label = "platform"
