"""Sign-in: password (Argon2, lock-out by django-axes), then a TOTP second factor.

Every role that sees personal data, and administrators and auditors, must pass a second
factor (``requires_two_factor``). The first sign-in enrols an authenticator app: the page
shows a QR code drawn by the app itself as inline SVG (no external QR service) and the secret
for typing in; later sign-ins ask for the current six-digit code. Failed codes are throttled
by django-otp (exponential back-off) and audited like failed passwords.
"""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tipdata.accounts.access import PERSONAL_DATA_ROLES
from tipdata.accounts.models import Role
from tipdata.audit.models import Action
from tipdata.audit.services import record_event
from tipdata.audit.signals import client_address

TWO_FACTOR_ROLES = PERSONAL_DATA_ROLES | {Role.ADMIN, Role.AUDITOR}
DEVICE_NAME = "authenticator"


def requires_two_factor(user: Any) -> bool:
    """Roles that see personal data (and administrators, auditors) need a second factor."""
    if settings.TIPDATA_TWO_FACTOR_FOR_ALL:
        return True
    return bool(getattr(user, "is_administrator", False)) or user.role in TWO_FACTOR_ROLES


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def ensure_totp_device(user: Any) -> TOTPDevice:
    """A confirmed device for ``user`` (for demo logins and tests: as if they had enrolled)."""
    device = confirmed_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """The code ``device``'s authenticator shows now (demo and tests only)."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the digits shown by your app."))
        return token


class SignInView(auth_views.LoginView):
    """Django's sign-in (CSRF, session rotation); axes counts failures and locks out."""

    template_name = "registration/signin.html"
    redirect_authenticated_user = True


def qr_svg(text: str) -> SafeString:
    """The QR code of ``text`` as inline SVG markup (drawn here, served by the app)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg[svg.index("<svg") :])


def _audit(request: HttpRequest, action: str, **changes: Any) -> None:
    record_event(
        actor=request.user,
        action=action,
        obj=request.user,  # type: ignore[arg-type]  # signed in: a User
        changes={"ip": client_address(request), **changes},
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan, then prove it works with one code."""
    if confirmed_device(request.user) is not None:
        return redirect(f"{reverse('signin-verify')}?next={_next_url(request)}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            if device.verify_token(form.cleaned_data["token"]):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                _audit(request, Action.TWO_FACTOR, enrolled=True)
                return redirect(_next_url(request))
        _audit(request, Action.SIGN_IN_FAILED, step="two_factor_setup")
        form.add_error("token", _("That code is not valid. Check the time on your device."))
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return render(
        request,
        "accounts/security/two_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": secret,
            "next": _next_url(request),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Second step of every sign-in: the current code of the enrolled app."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('signin-two-factor')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            verified = device.verify_token(form.cleaned_data["token"])
        if verified:
            otp_login(request, device)
            _audit(request, Action.SIGN_IN, step="two_factor")
            return redirect(_next_url(request))
        _audit(request, Action.SIGN_IN_FAILED, step="two_factor")
        form.add_error("token", _("That code is not valid, or too many attempts: wait and retry."))
    return render(
        request,
        "accounts/security/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if request.method == "POST" else 200,
    )
