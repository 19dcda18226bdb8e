"""Organisations (agencies) and the people who use the system."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.profiles.models import AgencyKind, AgencyType, Country, Region


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    SECRETARIAT = "secretariat", _("Working-group secretariat")
    POLICE_INVESTIGATOR = "police_investigator", _("Police investigator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    COURT_CLERK = "court_clerk", _("Court clerk")
    LABOUR_INSPECTOR = "labour_inspector", _("Labour inspector")
    NGO_CASE_WORKER = "ngo_case_worker", _("NGO / shelter case worker")
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    EMBASSY_OFFICER = "embassy_officer", _("Embassy or international-organisation officer")
    ANALYST = "analyst", _("Analyst")
    AUDITOR = "auditor", _("Auditor")


class Organisation(Record):
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    agency_type = models.ForeignKey(
        AgencyType, on_delete=models.PROTECT, verbose_name=_("agency type")
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("country represented"),
        help_text=_("For embassies and foreign bodies: the country they represent."),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("parent body")
    )
    active = models.BooleanField(_("active"), default=True)

    OWNER_FIELD = ""

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        return self.agency_type.kind

    @property
    def is_government(self) -> bool:
        return self.agency_type.government

    def is_kind(self, *kinds: AgencyKind) -> bool:
        return self.agency_type.kind in kinds


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.ANALYST)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


class ApiToken(models.Model):
    """An API token: belongs to one user, acts with that user's scope, expires, revocable.

    Only a SHA-256 of the secret is stored (the secret is shown once, when issued): a copy of
    the database does not give anyone API access. Tokens are long random strings, so a fast
    hash is enough; a slow password hash would only slow down every API call.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(
        _("read only"), default=False, help_text=_("Refuse every request that changes data.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > timezone.now()
