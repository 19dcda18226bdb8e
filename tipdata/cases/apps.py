from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "tipdata.cases"
    label = "cases"
    verbose_name = "Criminal cases"
