from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bridgework.api"
    label = "api"
