"""Victim pages beyond the generic ones: the personal-data panel (loaded on request)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from tipdata.core.views import get_visible
from tipdata.victims import selectors
from tipdata.victims.records import VICTIMS


@login_required
def personal_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Personal data is fetched only when a user asks for it, so each view is a logged act."""
    victim = get_visible(VICTIMS, request, pk)
    personal = selectors.personal_data_for(request.user, victim)
    return render(request, "victims/_personal_panel.html", {"object": victim, "personal": personal})


urlpatterns = [path("victims/<int:pk>/personal/", personal_panel, name="victim-personal")]
