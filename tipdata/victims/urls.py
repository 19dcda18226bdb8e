from tipdata.core.views import urls_for
from tipdata.victims import views
from tipdata.victims.records import VICTIMS

app_name = "victims"
urlpatterns = [
    *urls_for(VICTIMS),
    *views.urlpatterns,
]
