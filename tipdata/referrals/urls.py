from django.urls import path

from tipdata.core.personal import personal_panel
from tipdata.core.views import urls_for
from tipdata.referrals.records import REFERRALS, SERVICES, SERVICES_PATH

app_name = "referrals"
urlpatterns = [
    *urls_for(REFERRALS),
    *urls_for(SERVICES, base=SERVICES_PATH),
    path("referrals/<int:pk>/personal/", personal_panel(REFERRALS), name="referral-personal"),
    path(
        f"{SERVICES_PATH}<int:pk>/personal/",
        personal_panel(SERVICES),
        name="servicedelivery-personal",
    ),
]
