"""User pages, for administrators only.

Organisations use the generic record pages (an organisation has no owning organisation, so
only administrators may create or edit one: the generic pages and the services both refuse
others). Users are administered on pages of their own: users are not records, and only
administrators see them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tipdata.accounts import services
from tipdata.accounts.forms import DeactivateForm, UserCreateForm, UserEditForm
from tipdata.accounts.models import User
from tipdata.accounts.records import USERS
from tipdata.audit.services import history
from tipdata.core.views import add_service_errors

View = Callable[..., HttpResponse]


def administrator_required(view: View) -> View:
    """Signed-in administrators only; anyone else signed in gets 403."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.is_administrator(request.user):
            raise PermissionDenied(_("Only an administrator may do this."))
        return view(request, *args, **kwargs)

    return wrapped


@administrator_required
def user_list(request: HttpRequest) -> HttpResponse:
    queryset = User.objects.select_related("organisation").order_by("username")
    filterset = USERS.filterset_class(request.GET, queryset=queryset, request=request)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "core/_list_table.html" if request.htmx else "core/list.html"  # type: ignore[attr-defined]
    context = {
        "record_type": USERS,
        "filterset": filterset,
        "page": page,
        "querystring": query.urlencode(),
        "can_create": True,
    }
    return render(request, template, context)


def _user_form(request: HttpRequest, form: Any, user: User | None) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"record_type": USERS, "form": form, "object": user, "edit": user is not None}
    return render(request, "core/form.html", context, status=status)


@administrator_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        password = data.pop("password1")
        data.pop("password2")
        try:
            user = services.create_user(actor=request.user, password=password, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("accounts:user-detail", pk=user.pk)
    return _user_form(request, form, None)


@administrator_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = UserEditForm(request.POST or None, instance=user, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_user(actor=request.user, user=user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("accounts:user-detail", pk=user.pk)
    return _user_form(request, form, user)


def _user_page(request: HttpRequest, user: User, form: DeactivateForm, status: int) -> HttpResponse:
    fields = [
        (_("Name"), user.get_full_name() or None),
        (_("E-mail"), user.email or None),
        (_("Role"), user.get_role_display()),  # type: ignore[attr-defined]
        (_("Organisation"), user.organisation),
        (_("Active"), _("Yes") if user.is_active else _("No (deactivated)")),
        (_("Last sign-in"), user.last_login),
        (_("Joined"), user.date_joined),
    ]
    context = {
        "record_type": USERS,
        "object": user,
        "fields": fields,
        "form": form,
        "history": history(user)[:50],
    }
    return render(request, "accounts/user_detail.html", context, status=status)


@administrator_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    return _user_page(request, user, DeactivateForm(), 200)


@administrator_required
@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: deactivate (``active=0``) or reactivate (``active=1``) an account."""
    user = get_object_or_404(User, pk=pk)
    form = DeactivateForm(request.POST)
    if form.is_valid():
        try:
            services.set_user_active(
                actor=request.user,
                user=user,
                active=request.POST.get("active") == "1",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(reverse("accounts:user-detail", args=[user.pk]))
    return _user_page(request, user, form, 400)


urlpatterns = [
    path("users/", user_list, name="user-list"),
    path("users/new/", user_create, name="user-create"),
    path("users/<int:pk>/", user_detail, name="user-detail"),
    path("users/<int:pk>/edit/", user_edit, name="user-edit"),
    path("users/<int:pk>/active/", user_active, name="user-active"),
]
