"""API building blocks: the scoped viewset and error translation.

Serializers only check shapes and build service arguments; the viewset writes through the
same service functions the web pages call, and a Django ``ValidationError`` from a model or
service becomes a 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tipdata.accounts.access import RecordPermission
from tipdata.core.api_schema import TransitionSchema
from tipdata.core.registry import RecordType


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)


class RecordSerializer(serializers.ModelSerializer):
    """Reads a record; on write it only validates field shapes (services enforce rules)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is None and hasattr(field, "child_relation"):
                queryset = getattr(field.child_relation, "queryset", None)
                if queryset is not None and hasattr(queryset, "visible_to"):
                    field.child_relation.queryset = queryset.visible_to(user)
                continue
            if queryset is not None and hasattr(queryset, "visible_to"):
                field.queryset = queryset.visible_to(user)  # type: ignore[attr-defined]


class RecordViewSet(viewsets.ModelViewSet):
    """CRUD over one record type, scoped by ``visible_to`` and written through its services."""

    record_type: RecordType
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [IsAuthenticated, RecordPermission]

    def get_queryset(self) -> Any:
        return self.record_type.model.objects.visible_to(self.request.user)

    @property
    def filterset_class(self) -> Any:  # type: ignore[override]
        return self.record_type.filterset_class

    def perform_create(self, serializer: Any) -> None:
        assert self.record_type.create is not None
        data, m2m = self.record_type.split_m2m(serializer.validated_data)
        serializer.instance = self.record_type.create(actor=self.request.user, data=data, m2m=m2m)

    @extend_schema(
        description="Apply a named status transition; the body carries the step's fields.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[a-z_]+)",
        schema=TransitionSchema(),
    )
    def transition(self, request: Any, pk: Any = None, name: str = "") -> Response:
        spec = next((t for t in self.record_type.transitions if t.name == name), None)
        if spec is None:
            raise exceptions.NotFound()
        obj = self.get_object()
        form = spec.form_class(request.data)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()}
            )
        obj = spec.service(actor=request.user, instance=obj, **form.cleaned_data)
        return Response(self.get_serializer(obj).data)

    def perform_update(self, serializer: Any) -> None:
        assert self.record_type.update is not None
        data, m2m = self.record_type.split_m2m(serializer.validated_data)
        serializer.instance = self.record_type.update(
            actor=self.request.user, instance=serializer.instance, data=data, m2m=m2m
        )
