from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "tipdata.profiles"
    label = "profiles"
    verbose_name = "Country profiles"
