from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "tipdata.victims"
    label = "victims"
    verbose_name = "Victims and the national referral mechanism"
