"""Case pages: the nested forms and victim links first, then each record type's pages."""

from tipdata.cases import views
from tipdata.cases.records import CASE_TYPES
from tipdata.core.views import urls_for

app_name = "cases"
urlpatterns = [
    *views.urlpatterns,
    *(pattern for record_type in CASE_TYPES for pattern in urls_for(record_type)),
]
