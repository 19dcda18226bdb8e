from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tipdata.reports"
    label = "reports"
