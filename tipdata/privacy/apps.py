from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tipdata.privacy"
    label = "privacy"
    verbose_name = "Consent, retention and emergency access"
