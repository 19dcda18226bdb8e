from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tipdata.exchange"
    label = "exchange"
    verbose_name = "Data exchange (CTDC, UNODC GLOTIP, HTCDS)"
