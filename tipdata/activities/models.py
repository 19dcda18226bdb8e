"""Prevention and capacity: trainings, campaigns, operations, meetings, grants and more."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.core.vocabulary import Funding
from tipdata.intake.source_ref import source_ref_field, unique_source_ref

EARLIEST_YEAR = 1991  # no anti-trafficking record predates the post-Soviet statistics


def check_year(name: str, year: int | None, *, years_ahead: int = 0) -> None:
    """Refuse a year outside the records' plausible span (a typo like 2200 or 202)."""
    latest = datetime.date.today().year + years_ahead
    if year is not None and not EARLIEST_YEAR <= year <= latest:
        raise ValidationError(
            {
                name: _("Enter a year between %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": latest}
            }
        )


class DatedActivity(Record):
    """An activity with a start and an optional end date, owned by its organiser."""

    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organiser"),
    )
    started_on = models.DateField(_("start date"), db_index=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    source_ref = source_ref_field()

    OWNER_FIELD = "organiser"

    class Meta:
        abstract = True
        ordering = ["-started_on", "-id"]
        constraints = [unique_source_ref("organiser")]

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date cannot precede the start date.")})


class Profession(models.TextChoices):
    POLICE = "police", _("Police officers")
    PROSECUTORS = "prosecutors", _("Prosecutors")
    JUDGES = "judges", _("Judges")
    LABOUR_INSPECTORS = "labour_inspectors", _("Labour inspectors")
    ATTORNEYS = "attorneys", _("Attorneys")
    BORDER_GUARDS = "border_guards", _("Border guards")
    MIGRATION_OFFICERS = "migration_officers", _("Migration officers")
    PEACEKEEPERS = "peacekeepers", _("Peacekeepers")
    SOCIAL_WORKERS = "social_workers", _("Social workers")
    HOTLINE_OPERATORS = "hotline_operators", _("Hotline operators")
    DIPLOMATS = "diplomats", _("Diplomats and consular staff")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Training(DatedActivity):
    title = models.CharField(_("title"), max_length=200)
    partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("partners")
    )
    funding = models.CharField(
        _("funded by"), max_length=12, choices=Funding.choices, default=Funding.GOVERNMENT
    )
    funder_name = models.CharField(_("funder"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)

    class Meta(DatedActivity.Meta):
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return self.title

    @property
    def total_trained(self) -> int:
        return sum(row.count for row in self.audience.all())


class TrainingAudience(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="audience")
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices)
    count = models.PositiveIntegerField(_("people trained"))

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["training", "profession"], name="audience_once")
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.get_profession_display()}"


class CampaignChannel(models.TextChoices):
    RADIO = "radio", _("Radio")
    TELEVISION = "television", _("Television")
    PRINT = "print", _("Newspapers and print")
    WEB = "web", _("Web publications")
    SOCIAL_MEDIA = "social_media", _("Social media")
    BORDER_VIDEO = "border_video", _("Video at border crossings and transit hubs")
    PRINTED_MATERIALS = "printed_materials", _("Printed materials (leaflets, face masks)")
    EVENTS = "events", _("Events")
    OTHER = "other", _("Other")


class AwarenessCampaign(DatedActivity):
    title = models.CharField(_("title"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=CampaignChannel.choices)
    audience = models.CharField(_("target audience"), max_length=200, blank=True)
    budget_kzt = models.DecimalField(
        _("budget (KZT)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    funding = models.CharField(
        _("funded by"), max_length=12, choices=Funding.choices, default=Funding.GOVERNMENT
    )
    items_distributed = models.PositiveIntegerField(_("items distributed"), null=True, blank=True)

    class Meta(DatedActivity.Meta):
        verbose_name = _("awareness campaign")
        verbose_name_plural = _("awareness campaigns")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.budget_kzt is not None and self.budget_kzt <= 0:
            raise ValidationError(
                {"budget_kzt": _("The budget must be positive (leave it empty if unknown).")}
            )


class SpecialOperation(DatedActivity):
    """A special police operation (e.g. "Stop Trafficking"); cases and victims point to it."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta(DatedActivity.Meta):
        verbose_name = _("special police operation")
        verbose_name_plural = _("special police operations")

    def __str__(self) -> str:
        return f"{self.name} ({self.started_on:%Y-%m-%d})"


class WorkingGroupMeeting(Record):
    body = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("working group"),
    )
    held_on = models.DateField(_("held on"), db_index=True)
    virtual = models.BooleanField(_("virtual"), default=False)
    agenda = models.TextField(_("agenda and decisions"), blank=True)

    source_ref = source_ref_field()

    OWNER_FIELD = "body"

    class Meta:
        constraints = [unique_source_ref("body")]
        ordering = ["-held_on"]
        verbose_name = _("working-group meeting")
        verbose_name_plural = _("working-group meetings")

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"

    def clean(self) -> None:
        from tipdata.profiles.models import AgencyKind

        if self.body_id and not self.body.is_kind(AgencyKind.WORKING_GROUP, AgencyKind.TASKFORCE):
            raise ValidationError({"body": _("Choose an interagency working group or taskforce.")})


class GrantPurpose(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    HOTLINE = "hotline", _("Hotline")
    REINTEGRATION = "reintegration", _("Reintegration")
    PREVENTION = "prevention", _("Prevention")
    OTHER = "other", _("Other")


class Grant(Record):
    """Money given to an organisation; ``year`` is the funding year (allocations included)."""

    grantee = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="grants_received",
        verbose_name=_("grantee"),
    )
    funder = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="grants_given",
        verbose_name=_("funder"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=GrantPurpose.choices)
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    year = models.PositiveIntegerField(_("funding year"), db_index=True)
    amount_kzt = models.DecimalField(_("amount (KZT)"), max_digits=16, decimal_places=2)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    is_allocation = models.BooleanField(_("allocation (budgeted, not yet paid)"), default=False)

    source_ref = source_ref_field()

    OWNER_FIELD = "funder"

    class Meta:
        constraints = [unique_source_ref("funder")]
        ordering = ["-year", "grantee"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return f"{self.grantee} {self.year}: {self.amount_kzt} KZT"

    def clean(self) -> None:
        if self.amount_kzt is not None and self.amount_kzt <= 0:
            raise ValidationError({"amount_kzt": _("The amount must be positive.")})
        check_year("year", self.year, years_ahead=1)  # next year's allocations are known

    @property
    def amount_usd(self) -> Decimal | None:
        """The amount in US dollars at the funding year's rate (None without a rate)."""
        from tipdata.profiles.selectors import usd_rate

        rate = usd_rate("KZT", self.year) if self.year else None
        if rate is None or self.amount_kzt is None:
            return None
        return (self.amount_kzt / rate).quantize(Decimal("0.01"))


class Taskforce(Record):
    name = models.CharField(_("name"), max_length=200)
    established_on = models.DateField(_("established on"))
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    pilot = models.BooleanField(_("pilot"), default=False)
    coordinator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    members = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="taskforces", verbose_name=_("members")
    )

    source_ref = source_ref_field()

    OWNER_FIELD = "coordinator"

    class Meta:
        constraints = [unique_source_ref("coordinator")]
        ordering = ["-established_on"]
        verbose_name = _("interagency taskforce")
        verbose_name_plural = _("interagency taskforces")

    def __str__(self) -> str:
        return self.name


class BilateralAgreement(Record):
    country = models.ForeignKey(
        "profiles.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    signed_on = models.DateField(_("signed on"))
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    source_ref = source_ref_field()

    OWNER_FIELD = "recorded_by"

    class Meta:
        constraints = [unique_source_ref("recorded_by")]
        ordering = ["-signed_on"]
        verbose_name = _("bilateral agreement")
        verbose_name_plural = _("bilateral agreements")

    def __str__(self) -> str:
        return self.title


class CapacityMetric(models.TextChoices):
    LABOUR_INSPECTORS = "labour_inspectors", _("Labour inspectors employed")
    ANTI_TRAFFICKING_POLICE = "anti_trafficking_police", _("Anti-trafficking police officers")
    SHELTER_PLACES = "shelter_places", _("Shelter places")
    SHELTERS = "shelters", _("Shelters operating")


class CapacityFigure(Record):
    """A yearly capacity figure reported by an agency (e.g. labour inspectors on 31 December)."""

    metric = models.CharField(_("metric"), max_length=32, choices=CapacityMetric.choices)
    year = models.PositiveIntegerField(_("year"))
    value = models.PositiveIntegerField(_("value"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    source_ref = source_ref_field()

    OWNER_FIELD = "organisation"

    class Meta:
        ordering = ["-year", "metric"]
        verbose_name = _("capacity figure")
        verbose_name_plural = _("capacity figures")
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "year", "organisation"], name="capacity_once_per_year"
            ),
            unique_source_ref("organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.year}: {self.value}"

    def clean(self) -> None:
        check_year("year", self.year)


class Repatriation(DatedActivity):
    """A repatriation operation of nationals (e.g. from conflict zones), by counts."""

    from_country = models.ForeignKey(
        "profiles.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    children = models.PositiveIntegerField(_("children"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta(DatedActivity.Meta):
        verbose_name = _("repatriation")
        verbose_name_plural = _("repatriations")

    def __str__(self) -> str:
        return str(
            _("Repatriation from %(country)s (%(date)s)")
            % {"country": self.from_country, "date": self.started_on}
        )

    @property
    def total(self) -> int:
        return sum(n or 0 for n in (self.children, self.men, self.women))

    def clean(self) -> None:
        super().clean()
        if self.total == 0:
            raise ValidationError(
                {"children": _("A repatriation brings back at least one person.")}
            )
