"""Activity pages: the index, the training form with its audience rows, and the generic
pages of every activity record type (the training form is matched before the generic one)."""

from tipdata.activities import views
from tipdata.activities.records import ACTIVITY_TYPES
from tipdata.core.views import urls_for

app_name = "activities"
urlpatterns = [
    *views.urlpatterns,
    *(pattern for record_type in ACTIVITY_TYPES for pattern in urls_for(record_type)),
]
