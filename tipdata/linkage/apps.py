from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "tipdata.linkage"
    label = "linkage"
