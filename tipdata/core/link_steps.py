"""Steps that record what a record led to, offered on detail pages and in the API.

A hotline call or a labour inspection leads to a criminal case and to victims. The step forms
name them by their natural keys (a case's registration number, victims' codes) rather than
offering a list, which would show every case in the country to whoever opens the page; the
keys are looked up in the actor's scope (``links.find_visible``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from tipdata.core import links
from tipdata.core.forms import StepForm
from tipdata.core.models import Record
from tipdata.core.registry import TransitionForm


class LinkCaseForm(StepForm):
    case_number = forms.CharField(label=_("Registration number of the case"), max_length=40)


class LinkVictimsForm(StepForm):
    victim_codes = forms.CharField(
        label=_("Victim codes"),
        help_text=_("One or more codes such as V-AB12-CD34, separated by commas."),
    )


def case_step(link: Callable[..., Record], record_arg: str) -> Callable[..., Record]:
    """The step calling ``link(actor=, <record_arg>=record, case=)`` with the named case."""

    def step(*, actor: Any, instance: Record, case_number: str) -> Record:
        model = apps.get_model("cases", "CriminalCase")
        (case,) = links.find_visible(
            model, actor, "case_number", "registration_number", [case_number]
        )
        return link(actor=actor, case=case, **{record_arg: instance})

    return step


def victims_step(link: Callable[..., Record], record_arg: str) -> Callable[..., Record]:
    """The step calling ``link(actor=, <record_arg>=record, victims=)`` with the coded victims."""

    def step(*, actor: Any, instance: Record, victim_codes: str) -> Record:
        model = apps.get_model("victims", "Victim")
        victims = links.find_visible(
            model, actor, "victim_codes", "code", links.split_keys(victim_codes)
        )
        return link(actor=actor, victims=victims, **{record_arg: instance})

    return step


def lineage_steps(
    *,
    link_case: Callable[..., Record],
    link_victims: Callable[..., Record],
    record_arg: str,
    victims_label: Any = None,
) -> list[TransitionForm]:
    """The two steps of a record that leads to a case: link the case, link the victims.

    Offered to the record's owner and to the body it was referred to (``may_follow_up``).
    """
    return [
        TransitionForm(
            "link_case",
            LinkCaseForm,
            case_step(link_case, record_arg),
            label=_("Link the criminal case it led to"),
            allowed=links.may_follow_up,
        ),
        TransitionForm(
            "link_victims",
            LinkVictimsForm,
            victims_step(link_victims, record_arg),
            label=victims_label or _("Link victims"),
            allowed=links.may_follow_up,
        ),
    ]
