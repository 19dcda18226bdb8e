from django.urls import path

from tipdata.core.personal import personal_panel
from tipdata.core.views import urls_for
from tipdata.hotline.records import CALLS

app_name = "hotline"
urlpatterns = [
    *urls_for(CALLS, base="calls/"),
    path("calls/<int:pk>/personal/", personal_panel(CALLS), name="hotlinecall-personal"),
]
