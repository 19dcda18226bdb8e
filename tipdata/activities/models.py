"""Prevention and capacity: trainings, campaigns, operations, meetings, grants and more."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.core.vocabulary import Funding


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

    OWNER_FIELD = "organiser"

    class Meta:
        abstract = True
        ordering = ["-started_on", "-id"]

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

    def __str__(self) -> str:
        return self.title


class TrainingAudience(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="audience")
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices)
    count = models.PositiveIntegerField(_("people trained"))

    class Meta:
        verbose_name = _("audience")
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

    def __str__(self) -> str:
        return self.title


class SpecialOperation(DatedActivity):
    """A special police operation (e.g. "Stop Trafficking"); cases and victims point to it."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta(DatedActivity.Meta):
        verbose_name = _("special police operation")

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

    OWNER_FIELD = "body"

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("working-group meeting")

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"


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

    OWNER_FIELD = "funder"

    class Meta:
        ordering = ["-year", "grantee"]
        verbose_name = _("grant")

    def __str__(self) -> str:
        return f"{self.grantee} {self.year}: {self.amount_kzt} KZT"

    def clean(self) -> None:
        if self.amount_kzt is not None and self.amount_kzt <= 0:
            raise ValidationError({"amount_kzt": _("The amount must be positive.")})


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

    OWNER_FIELD = "coordinator"

    class Meta:
        ordering = ["-established_on"]
        verbose_name = _("interagency taskforce")

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

    OWNER_FIELD = "recorded_by"

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("bilateral agreement")

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

    OWNER_FIELD = "organisation"

    class Meta:
        ordering = ["-year", "metric"]
        verbose_name = _("capacity figure")
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "year", "organisation"], name="capacity_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.year}: {self.value}"


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

    def __str__(self) -> str:
        return f"Repatriation from {self.from_country} ({self.started_on})"
