from django.urls import path

from tipdata.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.index, name="index"),
    path("template/<slug:kind>/<str:language>.xlsx", views.template, name="template"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
    path("jobs/<int:pk>/problems.xlsx", views.job_report, name="job-report"),
]
