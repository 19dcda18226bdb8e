from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "tipdata.hotline"
    label = "hotline"
    verbose_name = "Hotline"
