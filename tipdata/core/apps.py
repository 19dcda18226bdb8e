from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tipdata.core"
    label = "core"
    verbose_name = "Core"
