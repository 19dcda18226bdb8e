from tipdata.audit import views

app_name = "audit"
urlpatterns = views.urlpatterns
