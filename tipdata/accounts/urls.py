"""Agency and user pages (sign-in itself lives at /accounts/login/, Django's auth views)."""

from tipdata.accounts import views
from tipdata.accounts.records import ORGANISATIONS
from tipdata.core.views import urls_for

app_name = "accounts"
urlpatterns = [
    *urls_for(ORGANISATIONS),  # create/edit: administrators (core checks may_change)
    *views.urlpatterns,
]
