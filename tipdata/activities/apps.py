from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tipdata.activities"
    label = "activities"
    verbose_name = "Activities and capacity"
