from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "tipdata.linkage"
    label = "linkage"

    def ready(self) -> None:
        from tipdata.linkage import policies  # noqa: F401 (registers the pair policy)
