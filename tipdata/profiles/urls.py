"""Reference-data pages: lists and details for everyone, create and edit for administrators."""

from tipdata.core.views import urls_for
from tipdata.profiles import views
from tipdata.profiles.records import REFERENCE_TYPES

app_name = "profiles"
urlpatterns = [
    *views.urlpatterns,
    # Create and edit are for administrators: reference rows have no owning organisation.
    *(pattern for record_type in REFERENCE_TYPES for pattern in urls_for(record_type)),
]
