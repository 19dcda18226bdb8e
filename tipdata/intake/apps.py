from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tipdata.intake"
    label = "intake"
