"""What record linkage stores: the trained model, the pairs people review, and every merge.

Linkage decides which ``victims.Victim`` records are one ``victims.Person``. A merge points
records at one Person; it is recorded as a ``Merge`` holding each record's previous person,
so that it can be undone exactly. Pairs the model is unsure about become ``CandidatePair``
rows that a reviewer confirms or rejects; a decided pair is never proposed again and is fed
back to the engine as a constraint (a rejected pair never ends in one person).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedTextField
from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow


class TrainedModel(models.Model):
    """A trained linkage model (Splink settings with m/u, prior and term frequencies).

    Stored so that incremental runs after each import score pairs exactly as the full run
    did, without retraining. The JSON is encrypted: its term-frequency tables list the
    (normalised) names present in the register, which is personal data in itself.
    """

    profile = models.CharField(_("profile"), max_length=32, default="person")
    data = EncryptedTextField(_("model (JSON)"))
    trained_on = models.PositiveIntegerField(_("records trained on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("trained linkage model")

    def __str__(self) -> str:
        return f"{self.profile} model of {self.created_at:%Y-%m-%d %H:%M}"

    def as_dict(self) -> dict[str, Any]:
        return dict(json.loads(self.data))


class PairStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed: same person")
    REJECTED = "rejected", _("Rejected: different people")


PAIR_WORKFLOW = Workflow(
    "status",
    [
        Transition("confirm", (PairStatus.PENDING,), PairStatus.CONFIRMED, _("Same person")),
        Transition("reject", (PairStatus.PENDING,), PairStatus.REJECTED, _("Different people")),
        # undoing a confirmed (or automatic) merge turns the pair into a rejection
        Transition("unmerge", (PairStatus.CONFIRMED,), PairStatus.REJECTED, _("Undo the merge")),
    ],
)


class CandidatePair(Record):
    """Two victim records the model scored as possibly one person, and people's decision.

    ``victim_a`` always has the smaller id, so a pair exists once. Decided pairs (confirmed
    or rejected) are constraints for every later run; pending ones form the review queue.
    """

    victim_a = models.ForeignKey(
        "victims.Victim", on_delete=models.CASCADE, related_name="+", verbose_name=_("record A")
    )
    victim_b = models.ForeignKey(
        "victims.Victim", on_delete=models.CASCADE, related_name="+", verbose_name=_("record B")
    )
    match_probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"), default=0.0)
    reason = models.CharField(_("why it needs review"), max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PairStatus.choices,
        default=PairStatus.PENDING,
        editable=False,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    WORKFLOW = PAIR_WORKFLOW

    class Meta:
        ordering = ["-match_probability", "id"]
        verbose_name = _("candidate pair")
        constraints = [
            models.UniqueConstraint(fields=["victim_a", "victim_b"], name="linkage_pair_once"),
            models.CheckConstraint(
                condition=models.Q(victim_a__lt=models.F("victim_b")), name="linkage_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"pair {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("linkage:pair-detail", args=[self.pk])


class MergeKind(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic (above the threshold)")
    CONFIRMED = "confirmed", _("Confirmed by a reviewer")


class Merge(models.Model):
    """One merge of records into one person, with what it changed, so it can be undone.

    ``changes`` lists ``[victim_id, previous_person_id]`` for every record moved to
    ``person``; ``pairs`` the ``[victim_a, victim_b, probability]`` links that caused it.
    Persons emptied by a merge are kept (undo points the records back at them).
    """

    person = models.ForeignKey(
        "victims.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MergeKind.choices)
    pair = models.ForeignKey(
        CandidatePair, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    changes = models.JSONField(_("records moved"), default=list)
    pairs = models.JSONField(_("links"), default=list)
    created_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True, editable=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("merge")

    def __str__(self) -> str:
        return f"merge {self.pk} into {self.person}"

    @property
    def victim_ids(self) -> list[int]:
        return [int(victim) for victim, _previous in self.changes]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("linkage:merge-detail", args=[self.pk])
