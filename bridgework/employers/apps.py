from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "bridgework.employers"
    label = "employers"
