"""A URL configuration for the error-page tests: the real one plus a view that fails while
holding personal data (in its locals, in the query string and in the form it received).

The permission matrix also uses it to prove that endpoints added to the configuration, with
or without a name, are reported as undeclared."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tipdata.urls import urlpatterns as real_patterns


def failing_view(request: HttpRequest, pk: int) -> HttpResponse:
    from tipdata.victims.models import PersonalData

    personal = PersonalData.objects.get(victim_id=pk)
    full_name = personal.full_name
    identity = personal.identity_number
    search = request.GET.get("q")
    posted = request.POST.get("family_name")
    raise RuntimeError(f"failed while handling record {pk}") from None
    return HttpResponse(full_name + identity + str(search) + str(posted))  # never reached


urlpatterns = [
    path("__fail/<int:pk>/", failing_view),
    path("__new/<int:pk>/", failing_view, name="security-new-page"),
    *real_patterns,
]
