from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tipdata.indicators"
    label = "indicators"
