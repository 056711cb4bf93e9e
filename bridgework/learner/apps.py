from django.apps import AppConfig


class LearnerConfig(AppConfig):
    name = "bridgework.learner"
    label = "learner_area"
