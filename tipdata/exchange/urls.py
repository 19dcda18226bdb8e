"""Data exchange pages: ``exchange:index`` and the standard-format downloads."""

from django.urls import path

from tipdata.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("htcds.xlsx", views.htcds, name="htcds"),
    path("ctdc.csv", views.ctdc, name="ctdc"),
    path("glotip/<int:year>.<slug:fmt>", views.glotip, name="glotip"),
]
