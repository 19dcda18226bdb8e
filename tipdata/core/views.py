"""Generic pages for every declared record type: list, detail, create, edit, transition.

Views stay thin: they read through ``visible_to`` (a record out of scope answers 404, exactly
like a missing one), validate with the declared form, and write through the declared service.
A service's ``ValidationError`` is shown on the form field it names.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_browse, can_create, may_change
from tipdata.audit.services import history
from tipdata.core.registry import RecordType


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    from tipdata.core.registry import REGISTRY

    links = [
        (rt.verbose_name_plural, reverse(f"{rt.slug}:{model_name(rt)}-list"))
        for rt in REGISTRY.values()
    ]
    return render(request, "core/home.html", {"links": links})


def health(request: HttpRequest) -> JsonResponse:
    connection.ensure_connection()
    return JsonResponse({"status": "ok"})


def add_service_errors(form: Any, error: ValidationError) -> None:
    """Attach a model/service ValidationError to the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message if target else f"{field}: {message}")
    else:
        for message in error.messages:
            form.add_error(None, message)


def scoped(record_type: RecordType, request: HttpRequest) -> Any:
    return record_type.model.objects.visible_to(request.user)


def get_visible(record_type: RecordType, request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(scoped(record_type, request), pk=pk)


def list_view(record_type: RecordType) -> Any:
    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        if not can_browse(request.user, record_type.model):
            raise PermissionDenied(_("Your role does not work with these records."))
        filterset = record_type.filterset_class(
            request.GET, queryset=scoped(record_type, request), request=request
        )
        page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
        template = "core/_list_table.html" if request.htmx else "core/list.html"  # type: ignore[attr-defined]
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            template,
            {
                "record_type": record_type,
                "filterset": filterset,
                "page": page,
                "querystring": query.urlencode(),
                "can_create": record_type.create is not None
                and can_create(request.user, record_type.model)
                and (record_type.creatable_by is None or record_type.creatable_by(request.user)),
            },
        )

    return view


def detail_view(record_type: RecordType) -> Any:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_visible(record_type, request, pk)
        transitions = offered_steps(record_type, obj, request.user)
        related = list(record_type.related(obj, request.user)) if record_type.related else []
        return render(
            request,
            "core/detail.html",
            {
                "record_type": record_type,
                "object": obj,
                "fields": detail_fields(obj, request.user),
                "transitions": transitions,
                "may_edit": record_type.edit_form is not None and may_change(request.user, obj),
                "related": related,
                "history": history(obj)[:50],
            },
        )

    return view


def offered_steps(record_type: RecordType, obj: Any, user: Any) -> list[tuple[Any, Any]]:
    """The steps ``user`` may take on ``obj`` now, each with its (unbound) form."""
    workflow = record_type.model.WORKFLOW
    available = {t.name: t for t in workflow.available(obj)} if workflow is not None else {}
    steps: list[tuple[Any, Any]] = []
    for step in record_type.transitions:
        if step.allowed is not None and not step.allowed(user, obj):
            continue
        if step.name in available:
            steps.append((available[step.name], step.form_class(prefix=step.name)))
        elif workflow is None or step.name not in workflow.transitions:
            steps.append((step, step.form_class(prefix=step.name)))
    return steps


def detail_fields(obj: Any, user: Any = None) -> list[tuple[str, Any]]:
    """Label and display value of every non-personal concrete field and many-to-many.

    Many-to-many values are read through ``visible_to(user)`` when a user is given, so a
    case's page does not list the codes of linked victims its reader may not see.
    """
    personal = set(getattr(obj, "PERSONAL_FIELDS", ()))
    rows: list[tuple[str, Any]] = []
    for field in obj._meta.concrete_fields:
        if field.name in personal or field.name in {"id", "created_by"}:
            continue
        display = getattr(obj, f"get_{field.name}_display", None)
        value = display() if display else getattr(obj, field.name)
        rows.append((str(field.verbose_name), value))
    for field in obj._meta.many_to_many:
        values = getattr(obj, field.name).all()
        if user is not None and hasattr(values, "visible_to"):
            values = values.visible_to(user)
        rows.append((str(field.verbose_name), ", ".join(str(v) for v in values)))
    return rows


def form_view(record_type: RecordType, *, edit: bool) -> Any:
    form_class = record_type.edit_form if edit else record_type.create_form

    @login_required
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        assert form_class is not None
        instance = get_visible(record_type, request, pk) if edit and pk is not None else None
        allowed = (
            may_change(request.user, instance)
            if instance is not None
            else can_create(request.user, record_type.model)
        )
        if not allowed:
            raise PermissionDenied(_("Your role or organisation may not change these records."))
        # A new record's form may be started from a link (``?victim=12`` on "Refer this victim").
        initial = request.GET.dict() if instance is None and request.method == "GET" else None
        form = form_class(  # type: ignore[call-arg]
            request.POST or None, instance=instance, user=request.user, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            data, m2m = record_type.split_m2m(form.cleaned_data)
            try:
                if edit:
                    assert record_type.update is not None
                    obj = record_type.update(
                        actor=request.user, instance=instance, data=data, m2m=m2m
                    )
                else:
                    assert record_type.create is not None
                    obj = record_type.create(actor=request.user, data=data, m2m=m2m)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(
                    reverse(f"{record_type.slug}:{model_name(record_type)}-detail", args=[obj.pk])
                )
        return render(
            request,
            "core/form.html",
            {"record_type": record_type, "form": form, "object": instance, "edit": edit},
            status=400 if request.method == "POST" else 200,
        )

    return view


def transition_view(record_type: RecordType) -> Any:
    @login_required
    def view(request: HttpRequest, pk: int, name: str) -> HttpResponse:
        obj = get_visible(record_type, request, pk)
        spec = next((t for t in record_type.transitions if t.name == name), None)
        if spec is None or request.method != "POST":
            raise Http404(_("No such step."))
        form = spec.form_class(request.POST, prefix=name)
        if form.is_valid():
            try:
                spec.service(actor=request.user, instance=obj, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(
                    reverse(f"{record_type.slug}:{model_name(record_type)}-detail", args=[obj.pk])
                )
        return render(
            request,
            "core/transition.html",
            {"record_type": record_type, "object": obj, "form": form, "name": name},
            status=400,
        )

    return view


def model_name(record_type: RecordType) -> str:
    return record_type.model._meta.model_name or ""


def urls_for(record_type: RecordType, base: str = "") -> list[Any]:
    """The URL patterns of one record type, named ``<model>-list`` and so on.

    ``base`` is the path prefix when the model name's plural is not simply ``<name>s/``.
    """
    name = model_name(record_type)
    base = base or (f"{name}s/" if not name.endswith("s") else f"{name}/")
    patterns = [
        path(base, list_view(record_type), name=f"{name}-list"),
        path(f"{base}<int:pk>/", detail_view(record_type), name=f"{name}-detail"),
    ]
    if record_type.create_form is not None and record_type.create is not None:
        patterns.append(
            path(f"{base}new/", form_view(record_type, edit=False), name=f"{name}-create")
        )
    if record_type.edit_form is not None and record_type.update is not None:
        patterns.append(
            path(f"{base}<int:pk>/edit/", form_view(record_type, edit=True), name=f"{name}-edit")
        )
    if record_type.transitions:
        patterns.append(
            path(
                f"{base}<int:pk>/step/<slug:name>/",
                transition_view(record_type),
                name=f"{name}-transition",
            )
        )
    return patterns


def forbid(message: str) -> None:
    raise PermissionDenied(message)
