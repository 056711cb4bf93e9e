from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "bridgework.portal"
    label = "portal"
