from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "tipdata.inspections"
    label = "inspections"
    verbose_name = "Labour inspections"
