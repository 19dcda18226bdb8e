from tipdata.core.views import urls_for
from tipdata.inspections.records import INSPECTIONS

app_name = "inspections"
urlpatterns = [*urls_for(INSPECTIONS)]
