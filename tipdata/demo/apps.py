from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tipdata.demo"
    label = "demo"
