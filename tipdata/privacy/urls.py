from tipdata.core.views import urls_for
from tipdata.privacy import views
from tipdata.privacy.records import CONSENTS

app_name = "privacy"
urlpatterns = [*urls_for(CONSENTS), *views.urlpatterns]
