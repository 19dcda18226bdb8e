"""The user's own API tokens: list, issue (the secret shown once), revoke."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tipdata.accounts.tokens import issue_token, revoke_token, tokens_of
from tipdata.core.views import add_service_errors


class TokenRequestForm(forms.Form):
    name = forms.CharField(label=_("What will use it"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)
    read_only = forms.BooleanField(label=_("Read only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"] = forms.IntegerField(
            label=_("Valid for (days)"),
            min_value=1,
            max_value=settings.TIPDATA_TOKEN_MAX_DAYS,
            initial=settings.TIPDATA_TOKEN_DAYS,
        )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenRequestForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = issue_token(
                actor=request.user,
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                read_only=form.cleaned_data["read_only"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenRequestForm()
    response = render(
        request,
        "accounts/security/tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "secret": secret},  # type: ignore[arg-type]
        status=400 if request.method == "POST" and secret is None else 200,
    )
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens_of(request.user), pk=pk)  # type: ignore[arg-type]
    revoke_token(actor=request.user, token=token)
    return redirect("tokens-list")
