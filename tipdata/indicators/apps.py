from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tipdata.indicators"
    label = "indicators"

    def ready(self) -> None:
        from tipdata.indicators import policies  # noqa: F401 (registers the read policy)
