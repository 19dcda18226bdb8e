"""Victims, their identification (the national referral mechanism) and their exploitation.

A ``Victim`` is one agency's record of a person; a ``Person`` is who that is after record
linkage, so that the same woman seen by the police and by a shelter counts once. Personal data
lives in one place, ``PersonalData``, encrypted; everything else is pseudonymous.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedDateField, EncryptedIntegerField, EncryptedTextField
from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow
from tipdata.core.vocabulary import (
    AgeGroup,
    ControlMethod,
    ExploitationForm,
    IdentificationChannel,
    Industry,
    Sex,
    SexExploitationType,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(prefix: str) -> str:
    """A random pseudonymous code: reveals neither the person, the order nor the agency."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def new_person_code() -> str:
    return new_code("P")


def new_victim_code() -> str:
    return new_code("V")


class Person(models.Model):
    """A resolved person: the cluster of victim records that record linkage found to be one."""

    code = models.CharField(_("code"), max_length=16, unique=True, default=new_person_code)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.code


class VictimStatus(models.TextChoices):
    POTENTIAL = "potential", _("Potential victim")
    IDENTIFIED = "identified", _("Formally identified")
    NOT_A_VICTIM = "not_a_victim", _("Found not to be a victim")


VICTIM_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "identify",
            (VictimStatus.POTENTIAL, VictimStatus.NOT_A_VICTIM),
            VictimStatus.IDENTIFIED,
            _("Identify formally"),
        ),
        Transition(
            "find_not_a_victim",
            (VictimStatus.POTENTIAL,),
            VictimStatus.NOT_A_VICTIM,
            _("Find not to be a victim"),
        ),
        Transition(
            "revoke_identification",
            (VictimStatus.IDENTIFIED,),
            VictimStatus.POTENTIAL,
            _("Revoke identification"),
        ),
    ],
)


class Victim(Record):
    """One agency's record of a (potential) victim. Needs no criminal case."""

    code = models.CharField(
        _("code"), max_length=16, unique=True, default=new_victim_code, editable=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="records", editable=False
    )
    registered_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="registered_victims",
        verbose_name=_("registered by"),
    )
    registered_on = models.DateField(_("registered on"))
    source_ref = models.CharField(
        _("agency's own reference"),
        max_length=64,
        blank=True,
        help_text=_("The registering agency's identifier; re-imports update by it."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VictimStatus.choices,
        default=VictimStatus.POTENTIAL,
        editable=False,
        db_index=True,
    )
    identified_on = models.DateField(_("identified on"), null=True, blank=True, editable=False)
    identified_by = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="identified_victims",
        verbose_name=_("identified by"),
        editable=False,
    )
    identification_channel = models.CharField(
        _("identification channel"),
        max_length=32,
        choices=IdentificationChannel.choices,
        blank=True,
        editable=False,
    )
    status_decided_on = models.DateField(
        _("status decided on"), null=True, blank=True, editable=False
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_group = models.CharField(
        _("adult or child at exploitation"),
        max_length=8,
        choices=AgeGroup.choices,
        default=AgeGroup.UNKNOWN,
    )
    citizenship = models.ForeignKey(
        "profiles.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("citizenship"),
    )
    recruitment_country = models.ForeignKey(
        "profiles.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of recruitment"),
    )
    recruitment_region = models.ForeignKey(
        "profiles.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region of recruitment"),
    )
    exploitation_country = models.ForeignKey(
        "profiles.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country of exploitation"),
    )
    exploitation_region = models.ForeignKey(
        "profiles.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region of exploitation"),
    )
    control_methods = models.JSONField(_("means of control"), default=list, blank=True)
    special_operation = models.ForeignKey(
        "activities.SpecialOperation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="victims",
        verbose_name=_("special operation"),
    )
    is_deidentified = models.BooleanField(
        _("de-identified record"),
        default=False,
        editable=False,
        help_text=_("Imported without identity (e.g. CTDC); never linked to other records."),
    )

    OWNER_FIELD = "registered_by"
    WORKFLOW = VICTIM_WORKFLOW

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")
        constraints = [
            models.UniqueConstraint(
                fields=["registered_by", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="victim_source_ref_unique",
            )
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        invalid = [c for c in self.control_methods or [] if c not in ControlMethod.values]
        if invalid:
            raise ValidationError(
                {"control_methods": _("Unknown means of control: %s") % ", ".join(invalid)}
            )
        if (
            self.exploitation_region is not None
            and self.exploitation_country_id
            and self.exploitation_region.profile.country_id != self.exploitation_country_id
        ):
            raise ValidationError(
                {"exploitation_region": _("The region is not in the country of exploitation.")}
            )

    @property
    def is_foreign(self) -> bool:
        """Not a citizen of the registering profile's country."""
        from tipdata.profiles.selectors import current_profile

        return (
            self.citizenship_id is not None and self.citizenship_id != current_profile().country_id
        )


class Exploitation(models.Model):
    """One form of exploitation a victim suffered (a victim may have several)."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="exploitations")
    form = models.CharField(_("form"), max_length=40, choices=ExploitationForm.choices)
    industry = models.CharField(_("industry"), max_length=60, choices=Industry.choices, blank=True)
    sex_exploitation_type = models.CharField(
        _("type of sexual exploitation"),
        max_length=40,
        choices=SexExploitationType.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("form of exploitation")
        constraints = [
            models.UniqueConstraint(fields=["victim", "form"], name="exploitation_form_once")
        ]

    def __str__(self) -> str:
        return self.get_form_display()


# Fields from which record linkage derives a record's blocking keys (tipdata.linkage.index).
BLOCKING_SOURCES = frozenset(
    {"given_name", "family_name", "patronymic", "birth_date", "birth_year", "identity_number"}
)


class PersonalData(models.Model):
    """Everything that identifies a victim, in one place, encrypted at rest."""

    victim = models.OneToOneField(Victim, on_delete=models.CASCADE, related_name="personal")
    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    patronymic = EncryptedTextField(_("patronymic"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    birth_year = EncryptedIntegerField(_("birth year"), null=True, blank=True)
    languages = EncryptedTextField(_("languages"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    identity_number = EncryptedTextField(_("identity number (IIN or passport)"), blank=True)
    identity_number_hash = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    erased_on = models.DateField(_("erased on"), null=True, blank=True, editable=False)

    PERSONAL_FIELDS = (
        "given_name",
        "family_name",
        "patronymic",
        "birth_date",
        "birth_year",
        "languages",
        "phone",
        "email",
        "address",
        "identity_number",
        "identity_number_hash",
        "notes",
    )

    class Meta:
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self) -> str:
        return f"personal data of {self.victim.code}"

    def clean(self) -> None:
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValidationError({"birth_year": _("The birth year differs from the birth date.")})

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)


class BlockingKey(models.Model):
    """One blocking key of a record, as a keyed hash: the index incremental linkage reads.

    Record linkage pairs records sharing a derived value (same name key, same birth date and
    initial ...; ``tipdata.linkage.blocking``). Storing an HMAC-SHA256 of each such value under
    the lookup key (like ``identity_number_hash``) lets a run after an import find the records
    to compare with in SQL and decrypt only those. Nothing here is readable without the key;
    ``rule`` names the blocking rule, not a value. Written by the victims services with the
    personal data, removed when it is erased.
    """

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="blocking_keys")
    rule = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("blocking key")
        constraints = [
            models.UniqueConstraint(fields=["victim", "key_hash"], name="blocking_key_once")
        ]

    def __str__(self) -> str:
        return f"blocking key {self.pk}"
