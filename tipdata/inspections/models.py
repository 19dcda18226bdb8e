"""Labour inspections of employers, what they found and whether they led to a case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS


class ForcedLabourIndicator(models.TextChoices):
    """The ILO's 11 indicators of forced labour."""

    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability", _("Abuse of vulnerability")
    DECEPTION = "deception", _("Deception")
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement", _("Restriction of movement")
    ISOLATION = "isolation", _("Isolation")
    PHYSICAL_SEXUAL_VIOLENCE = "physical_sexual_violence", _("Physical and sexual violence")
    INTIMIDATION_THREATS = "intimidation_threats", _("Intimidation and threats")
    RETENTION_OF_DOCUMENTS = "retention_of_documents", _("Retention of identity documents")
    WITHHOLDING_WAGES = "withholding_wages", _("Withholding of wages")
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    ABUSIVE_CONDITIONS = "abusive_conditions", _("Abusive working and living conditions")
    EXCESSIVE_OVERTIME = "excessive_overtime", _("Excessive overtime")


class ViolationCategory(models.TextChoices):
    WAGES = "wages", _("Wage irregularities")
    CONTRACT = "contract", _("Contract violations")
    NO_AGREEMENT = "no_agreement", _("Work without an employment agreement")
    WORKING_TIME = "working_time", _("Working time and rest")
    SAFETY = "safety", _("Occupational safety")
    MIGRANT_PERMITS = "migrant_permits", _("Foreign workers' permits")
    CHILD_LABOUR = "child_labour", _("Child labour")
    OTHER = "other", _("Other")


class LabourInspection(Record):
    inspected_on = models.DateField(_("inspected on"), db_index=True)
    inspecting_unit = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("inspecting unit"),
    )
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    employer_name = models.CharField(_("employer"), max_length=200)
    employer_business_id = models.CharField(
        _("employer business ID (BIN)"), max_length=20, blank=True
    )
    is_recruitment_agency = models.BooleanField(_("recruitment agency"), default=False)
    forced_labour_indicators = models.JSONField(
        _("ILO forced-labour indicators observed"), default=list, blank=True
    )
    administrative_citations = models.PositiveIntegerField(_("administrative citations"), default=0)
    fines_count = models.PositiveIntegerField(_("fines imposed"), default=0)
    fines_amount_kzt = models.DecimalField(
        _("fines total (KZT)"), max_digits=16, decimal_places=2, default=0
    )
    referred_to_police = models.BooleanField(_("referred to police"), default=False)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    referred_to = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_referrals",
        verbose_name=_("police unit referred to"),
    )
    case = models.ForeignKey(
        "cases.CriminalCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
        verbose_name=_("criminal case it led to"),
    )
    victims = models.ManyToManyField(
        "victims.Victim", blank=True, related_name="inspections", verbose_name=_("victims found")
    )
    notes = models.TextField(_("notes"), blank=True)
    source_ref = models.CharField(_("inspectorate's own reference"), max_length=64, blank=True)

    OWNER_FIELD = "inspecting_unit"

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("labour inspection")

    def __str__(self) -> str:
        return f"{self.employer_name} ({self.inspected_on})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        unknown = [
            i for i in self.forced_labour_indicators or [] if i not in ForcedLabourIndicator.values
        ]
        if unknown:
            errors["forced_labour_indicators"] = _("Unknown indicator: %s") % ", ".join(unknown)
        if self.fines_count == 0 and self.fines_amount_kzt:
            errors["fines_amount_kzt"] = _("A fine amount needs at least one fine.")
        if self.fines_amount_kzt is not None and self.fines_amount_kzt < 0:
            errors["fines_amount_kzt"] = _("The amount cannot be negative.")
        if (self.referred_on or self.referred_to_id) and not self.referred_to_police:
            errors["referred_to_police"] = _("A referral date or unit means it was referred.")
        unit = self.referred_to if self.referred_to_id else None
        if unit is not None and unit.agency_type.kind not in LAW_ENFORCEMENT_KINDS:
            errors["referred_to"] = _("Choose a police unit or a prosecutor's office.")
        if self.referred_on and self.inspected_on and self.referred_on < self.inspected_on:
            errors["referred_on"] = _("The referral cannot precede the inspection.")
        if errors:
            raise ValidationError(errors)

    @property
    def indicator_labels(self) -> list[str]:
        labels = dict(ForcedLabourIndicator.choices)
        return [str(labels.get(code, code)) for code in self.forced_labour_indicators or []]

    @property
    def violation_counts(self) -> dict[str, int]:
        """Violations found, by category (the shape forms, API and services use)."""
        return {v.category: v.count for v in self.violations.all()}

    @property
    def violations_total(self) -> int:
        return sum(self.violation_counts.values())


class Violation(models.Model):
    inspection = models.ForeignKey(
        LabourInspection, on_delete=models.CASCADE, related_name="violations"
    )
    category = models.CharField(_("category"), max_length=20, choices=ViolationCategory.choices)
    count = models.PositiveIntegerField(_("number found"))

    class Meta:
        verbose_name = _("violation")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "category"], name="violation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.count}"
