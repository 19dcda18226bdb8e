"""Report pages: ``reports:index`` (the main navigation's "reports") and the downloads."""

from django.urls import path

from tipdata.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/<slug:fmt>/", views.download, name="download"),
]
