from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "tipdata.referrals"
    label = "referrals"
    verbose_name = "Referrals and services"
