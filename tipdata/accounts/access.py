"""Access control: the one place that narrows every query of records to what a user may see.

``ScopedQuerySet.visible_to(user)`` calls ``restrict``; pages, API endpoints, exports, search,
autocomplete and report drill-downs all start there, so a record outside a user's scope is
simply not found (404), exactly like one that does not exist.

Each record model has a policy (``@policy("victims.victim", roles=...)``): the roles that may
browse it at all, and a function narrowing the queryset for one user. The rules, in short
(docs/security.md has the reasoning):

- an NGO, embassy or international organisation sees the victims it registered or was
  referred (while the victim's consent to share with it stands);
- a police investigator sees the cases of their unit and the victims linked to them, plus the
  victims their unit registered or was referred;
- a prosecutor sees the cases their office supervises: where it is the prosecutor's office,
  the cases of its subordinate offices and of its region; the Prosecutor General's Office
  (agency types in ``TIPDATA_NATIONAL_PROSECUTION_TYPES``) supervises all cases;
- a court clerk sees the cases sent to their court; a labour inspector their inspections; a
  hotline operator their calls; each with the victims linked to those records;
- an analyst sees every record, pseudonymised (never personal data); the secretariat sees the
  activity records and the aggregate report, no individual victim, case, call or inspection;
- an auditor sees the audit trail and nothing else.

On top of the policy, an active break-the-glass grant (``privacy.EmergencyAccess``) opens one
record to one user for a limited time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.permissions import BasePermission

from tipdata.accounts.models import Role

PolicyFunc = Callable[[QuerySet, Any], QuerySet]

ALL_ROLES = frozenset(Role.values)
# Roles whose work is with individual people: they may see personal data within their scope.
PERSONAL_DATA_ROLES = frozenset(
    {
        Role.POLICE_INVESTIGATOR,
        Role.PROSECUTOR,
        Role.COURT_CLERK,
        Role.LABOUR_INSPECTOR,
        Role.NGO_CASE_WORKER,
        Role.HOTLINE_OPERATOR,
        Role.EMBASSY_OFFICER,
    }
)
# Roles that see records but never change case work (victims, cases, referrals ...).
READ_ONLY_ROLES = frozenset({Role.ANALYST, Role.SECRETARIAT, Role.AUDITOR})
# Apps holding case work: the read-only roles never write there.
CASEWORK_APPS = frozenset({"victims", "referrals", "cases", "hotline", "inspections", "privacy"})


@dataclass(frozen=True)
class Policy:
    func: PolicyFunc
    roles: frozenset[str]
    writers: frozenset[str]


_POLICIES: dict[str, Policy] = {}


def policy(
    model_label: str, roles: Iterable[str] = ALL_ROLES, writers: Iterable[str] | None = None
) -> Callable[[PolicyFunc], PolicyFunc]:
    """Register the visibility policy of one model (``"victims.victim"``) or app (``"x.*"``).

    ``roles`` may browse the model at all (others get nothing and a 403 on its list pages);
    the function narrows the queryset for one user of those roles. ``writers`` are the roles
    whose members record new ones for their own organisation (by default every role but the
    read-only ones).
    """

    def register(func: PolicyFunc) -> PolicyFunc:
        allowed = frozenset(roles)
        default = (
            allowed - READ_ONLY_ROLES
            if model_label.split(".")[0] in CASEWORK_APPS
            else (allowed - {Role.AUDITOR})
        )
        _POLICIES[model_label] = Policy(
            func, allowed, frozenset(writers) if writers is not None else default
        )
        return func

    return register


def _active(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _policy_for(model: Any) -> Policy:
    meta = model._meta
    return (
        _POLICIES.get(meta.label_lower)
        or _POLICIES.get(f"{meta.app_label}.*")
        or Policy(default_policy, DEFAULT_ROLES, DEFAULT_ROLES)
    )


def restrict(queryset: QuerySet, user: Any) -> QuerySet:
    """The records of ``queryset`` that ``user`` may see (the one read path)."""
    if not _active(user):
        return queryset.none()
    if getattr(user, "is_administrator", False):
        return queryset
    found = _policy_for(queryset.model)
    allowed = found.func(queryset, user) if user.role in found.roles else queryset.none()
    granted = emergency_grants(user, queryset.model)
    if granted:
        return queryset.filter(Q(pk__in=allowed.values("pk")) | Q(pk__in=granted))
    return allowed


def emergency_grants(user: Any, model: Any) -> list[int]:
    """Ids of ``model`` records opened to ``user`` by an active break-the-glass grant."""
    if not apps.is_installed("tipdata.privacy"):
        return []
    from django.contrib.contenttypes.models import ContentType

    from tipdata.privacy.models import EmergencyAccess

    return list(
        EmergencyAccess.objects.filter(
            user=user,
            content_type=ContentType.objects.get_for_model(model),
            expires_at__gt=timezone.now(),
        ).values_list("object_id", flat=True)
    )


def can_browse(user: Any, model: Any) -> bool:
    """May ``user`` open the list pages of ``model`` at all (their scope may still be empty)?"""
    if not _active(user):
        return False
    if getattr(user, "is_administrator", False):
        return True
    return user.role in _policy_for(model).roles


def can_write(user: Any, owner: Any, record: Any = None) -> bool:
    """May ``user`` create or change a record owned by organisation ``owner``?

    Members write their own organisation's records (or act for the organisation a record was
    referred to, when a service asks about that one); the read-only roles never write case
    work (``record`` tells which model, when the caller knows it).
    """
    if not _active(user):
        return False
    if getattr(user, "is_administrator", False):
        return True
    if user.role == Role.AUDITOR:
        return False
    casework = record is not None and record._meta.app_label in CASEWORK_APPS
    if casework and user.role in READ_ONLY_ROLES:
        return False
    return owner is not None and user.organisation_id == getattr(owner, "pk", None)


def can_create(user: Any, model: Any) -> bool:
    """May ``user`` record a new ``model`` record (for their organisation)?

    Only the model's ``writers`` do: a court clerk records verdicts, not investigations.
    """
    if not can_browse(user, model) or user.role == Role.AUDITOR:
        return False
    if getattr(user, "is_administrator", False):
        return True
    if user.role not in _policy_for(model).writers:
        return False
    return bool(getattr(model, "OWNER_FIELD", "")) and user.organisation_id is not None


def can_see_personal(user: Any, record: Any) -> bool:
    """May ``user`` see the personal data of ``record`` (a victim, or a record with notes)?

    Only the roles that work with people, and only for a record in their scope (which includes
    an active break-the-glass grant). Analysts, the secretariat and auditors never do.
    Administrators do: they answer data-subject requests (access, correction, erasure).

    A record about one victim (a referral, a service) shows its personal fields only to users
    who may see that victim too: when the victim withdraws consent to share with an
    organisation, the notes about them stop being shown there along with their record.
    """
    if not _active(user):
        return False
    if getattr(user, "is_administrator", False):
        return True
    if user.role not in PERSONAL_DATA_ROLES:
        return False
    model = type(record)
    if not restrict(model.objects.filter(pk=record.pk), user).exists():
        return False
    victim_id = getattr(record, "victim_id", None)
    if victim_id is None or model._meta.label_lower == "victims.victim":
        return True
    victims = apps.get_model("victims", "Victim").objects.filter(pk=victim_id)
    return restrict(victims, user).exists()


def organisation_kind(user: Any) -> str:
    organisation = getattr(user, "organisation", None)
    return organisation.agency_type.kind if organisation is not None else ""


def default_policy(queryset: QuerySet, user: Any) -> QuerySet:
    """A model without its own policy: its owning organisation's records (or none)."""
    owner_field = getattr(queryset.model, "OWNER_FIELD", "")
    if user.role == Role.ANALYST:
        return queryset
    if not owner_field or user.organisation_id is None:
        return queryset.none()
    return queryset.filter(**{owner_field: user.organisation_id})


DEFAULT_ROLES = ALL_ROLES - {Role.AUDITOR}

# The policies of every record model live in access_policies (imported for registration).
from tipdata.accounts import access_policies  # noqa: E402,F401

__all__ = [
    "PERSONAL_DATA_ROLES",
    "can_browse",
    "can_create",
    "can_see_personal",
    "can_write",
    "policy",
    "restrict",
]


class RecordPermission(BasePermission):
    """DRF permission of the record viewsets: the same rules as the pages.

    Listing needs ``can_browse``, creating ``can_create``, changing a record ``can_write``
    on its owner; reading one is governed by ``visible_to`` alone (out of scope is 404).
    """

    message = "Your role or organisation may not do this."

    def has_permission(self, request: Any, view: Any) -> bool:
        model = view.record_type.model
        action = getattr(view, "action", None)
        if action == "list":
            return can_browse(request.user, model)
        if action == "create":
            return can_create(request.user, model)
        return _active(request.user)

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        if getattr(view, "action", None) in ("update", "partial_update"):
            # a kind of record without an update service changes only through its steps
            editable = getattr(view.record_type, "update", None) is not None
            return editable and may_change(request.user, obj)
        return True


def may_change(user: Any, record: Any) -> bool:
    """Edit a record: its owner's members (an owner-less record: administrators only)."""
    if not getattr(record, "OWNER_FIELD", ""):
        return bool(getattr(user, "is_administrator", False))
    return can_write(user, record.owner, record)
