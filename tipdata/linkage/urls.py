from django.urls import path

from tipdata.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.index, name="index"),
    path("run/", views.run, name="run"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair-detail"),
    path("pairs/<int:pk>/<str:decision>/", views.decide, name="pair-decide"),
    path("merges/<int:pk>/", views.merge_detail, name="merge-detail"),
    path("merges/<int:pk>/undo/", views.undo, name="merge-undo"),
]
