from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "bridgework.portfolio"
    label = "portfolio"
