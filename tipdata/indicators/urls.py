from django.urls import path

from tipdata.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<str:code>/<int:year>/records/", views.records, name="records"),
]
