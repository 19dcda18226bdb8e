from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "tipdata.profiles"
    label = "profiles"
    verbose_name = _("Country profiles")

    def ready(self) -> None:
        from tipdata.profiles import policies  # noqa: F401 (registers the read policies)
