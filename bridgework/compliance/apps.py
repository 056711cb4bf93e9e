from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "bridgework.compliance"
    label = "compliance"
