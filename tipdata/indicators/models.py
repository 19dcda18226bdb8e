"""Historical aggregate values: an indicator's figure for a year, as a source reported it.

Before a country's records are complete (``CountryProfile.records_complete_from``), and for
agencies that report only totals, a year's figure is entered or imported with its source
("TIP report 2020", "MVD letter no. 3-12/145"). The report uses it where records cannot give
the figure, and flags a discrepancy where records and the aggregate disagree. A source may
also say that a figure was unavailable or withheld: that is recorded too, so the report can
name the gap and say who said so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record


class ValueStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    UNAVAILABLE = "unavailable", _("Reported as unavailable")
    SUPPRESSED = "suppressed", _("Withheld (disclosure control)")


def cell_of(disaggregation: dict[str, Any] | None) -> str:
    """The canonical text of a disaggregation cell ("" for the total): "sex=female;..."."""
    return ";".join(f"{k}={v}" for k, v in sorted((disaggregation or {}).items()))


class HistoricalValue(Record):
    indicator = models.CharField(_("indicator"), max_length=64, db_index=True)
    year = models.PositiveIntegerField(_("year"))
    disaggregation = models.JSONField(
        _("disaggregation"),
        default=dict,
        blank=True,
        help_text=_('Empty for the total; e.g. {"citizenship": "foreign"} for one cell.'),
    )
    cell = models.CharField(max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.REPORTED
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2, null=True, blank=True)
    suppressed_below = models.PositiveSmallIntegerField(
        _("suppressed below"),
        null=True,
        blank=True,
        help_text=_('For a withheld small count: the source printed "<5" (5 here).'),
    )
    source = models.CharField(_("source"), max_length=200)
    reference = models.CharField(
        _("reference"), max_length=300, blank=True, help_text=_("Letter number, page, link.")
    )
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )

    OWNER_FIELD = "entered_by"

    class Meta:
        ordering = ["indicator", "-year", "cell"]
        verbose_name = _("historical aggregate value")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "cell"], name="historical_value_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.shown} ({self.source})"

    @property
    def shown(self) -> str:
        """The value as the source printed it: the number, "<5", or the status in words."""
        if self.status == ValueStatus.SUPPRESSED and self.suppressed_below:
            return f"<{self.suppressed_below}"
        if self.status == ValueStatus.REPORTED:
            return str(self.value)
        return str(self.get_status_display())

    def clean(self) -> None:
        from tipdata.indicators.catalogue import load_catalogue

        errors: dict[str, Any] = {}
        if self.indicator and self.indicator not in load_catalogue().codes():
            errors["indicator"] = _("Unknown indicator code %(code)s.") % {"code": self.indicator}
        if self.status == ValueStatus.REPORTED and self.value is None:
            errors["value"] = _("Give the value the source reported.")
        elif self.status != ValueStatus.REPORTED and self.value is not None:
            errors["value"] = _("An unavailable or withheld figure has no value.")
        if self.suppressed_below is not None and self.status != ValueStatus.SUPPRESSED:
            errors["suppressed_below"] = _("Only a withheld small count has a threshold.")
        if isinstance(self.value, (int, Decimal)) and self.value < 0:
            errors["value"] = _("A figure cannot be negative.")
        if isinstance(self.year, int) and not 1991 <= self.year <= 2100:
            errors["year"] = _("Enter a year between 1991 and 2100.")
        if not isinstance(self.disaggregation, dict):
            errors["disaggregation"] = _('Give the cell as an object, e.g. {"sex": "female"}.')
        if errors:
            raise ValidationError(errors)
        self.cell = cell_of(self.disaggregation)
