from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tipdata.accounts"
    label = "accounts"
    verbose_name = "Agencies and users"
