"""The audit trail through the API: read-only, for the auditor role only."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions, serializers, viewsets

from tipdata.audit.filters import AuditFilter
from tipdata.audit.models import AuditEntry
from tipdata.audit.views import is_auditor


class IsAuditor(permissions.BasePermission):
    message = "Only auditors read the audit trail."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_auditor(request.user)


class AuditEntrySerializer(serializers.ModelSerializer):
    record_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_label",
            "organisation_label",
            "action",
            "record_type",
            "object_id",
            "object_repr",
            "changes",
            "reason",
            "prev_hash",
            "hash",
        ]

    def get_record_type(self, entry: AuditEntry) -> str:
        return entry.content_type.model if entry.content_type else ""


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEntrySerializer
    permission_classes = [permissions.IsAuthenticated, IsAuditor]
    filterset_class = AuditFilter
    queryset = AuditEntry.objects.select_related("content_type").order_by("-id")


ROUTES = [("audit", AuditEntryViewSet, "auditentry")]
