"""The country profile: what makes tipdata Kazakhstan's system rather than any country's.

Regions, penal-code articles, agency types, currency and the ISO 3166 country list are data
loaded from a profile file (``profiles/data/<code>.yaml``) that an administrator can extend.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import ScopedManager


class ReferenceData(models.Model):
    """Reference data of the profile: read by every signed-in user, changed by administrators.

    It has the parts of a ``Record`` the generic pages, API and write path rely on (the scoped
    manager, no owning organisation so only an administrator may write, no workflow, no
    personal fields), without its bookkeeping columns.
    """

    objects = ScopedManager()

    OWNER_FIELD: ClassVar[str] = ""
    WORKFLOW: ClassVar[None] = None
    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        """The record's page, or "" for kinds without pages (countries, profiles)."""
        from django.urls import NoReverseMatch, reverse

        meta = self._meta
        try:
            return reverse(f"{meta.app_label}:{meta.model_name}-detail", args=[self.pk])
        except NoReverseMatch:
            return ""


class Country(ReferenceData):
    """An ISO 3166-1 country (citizenship, place of recruitment or exploitation)."""

    code = models.CharField(_("ISO alpha-2 code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class CountryProfile(ReferenceData):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    records_complete_from = models.PositiveIntegerField(
        _("first year with complete records"),
        help_text=_("Earlier years are reported from historical aggregate figures."),
    )

    class Meta:
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")

    def __str__(self) -> str:
        return self.name


class Region(ReferenceData):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CITY = "city", _("City of republican significance")

    profile = models.ForeignKey(CountryProfile, on_delete=models.CASCADE, related_name="regions")
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.REGION)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="region_code_unique")
        ]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class PenalArticle(ReferenceData):
    """An article of the penal code under which trafficking is prosecuted."""

    profile = models.ForeignKey(CountryProfile, on_delete=models.CASCADE, related_name="articles")
    code = models.CharField(_("article"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    is_trafficking = models.BooleanField(
        _("counts as trafficking"),
        default=True,
        help_text=_("Cases under this article count in the trafficking statistics."),
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="article_code_unique")
        ]
        verbose_name = _("penal-code article")
        verbose_name_plural = _("penal-code articles")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AgencyKind(models.TextChoices):
    """The functional kind of an agency: what access rules and indicators key on."""

    POLICE = "police", _("Police unit")
    PROSECUTION = "prosecution", _("Prosecutor's office")
    COURT = "court", _("Court")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    MINISTRY = "ministry", _("Ministry")
    NGO = "ngo", _("NGO or shelter")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    EMBASSY = "embassy", _("Embassy")
    HOTLINE = "hotline", _("Hotline operator")
    TASKFORCE = "taskforce", _("Interagency taskforce")
    WORKING_GROUP = "working_group", _("Interagency working group")


LAW_ENFORCEMENT_KINDS = frozenset({AgencyKind.POLICE, AgencyKind.PROSECUTION})


class AgencyType(ReferenceData):
    profile = models.ForeignKey(
        CountryProfile, on_delete=models.CASCADE, related_name="agency_types"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices)
    government = models.BooleanField(_("government body"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="agency_type_code_unique")
        ]
        verbose_name = _("agency type")
        verbose_name_plural = _("agency types")

    def __str__(self) -> str:
        return self.name


class ExchangeRate(ReferenceData):
    """Yearly average rate: how many units of ``currency`` buy one US dollar."""

    currency = models.CharField(_("currency"), max_length=3)
    year = models.PositiveIntegerField(_("year"))
    per_usd = models.DecimalField(_("units per USD"), max_digits=12, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["currency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="exchange_rate_unique"),
            models.CheckConstraint(
                condition=models.Q(per_usd__gt=0), name="exchange_rate_positive"
            ),
        ]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.per_usd}"

    def clean(self) -> None:
        if self.per_usd is not None and self.per_usd <= 0:
            raise ValidationError({"per_usd": _("The rate must be positive.")})
