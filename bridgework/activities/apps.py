from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "bridgework.activities"
    label = "activities"
