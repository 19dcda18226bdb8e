"""Linkage pages: the review queue, a pair side by side, merges and their undoing, a run.

Views only check shapes and call services; who may do what is in ``policies`` and the
services, and every record is read through ``selectors`` (a pair outside one's scope: 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tipdata.audit.services import history
from tipdata.linkage import selectors, services
from tipdata.linkage.policies import may_review, may_run_linkage


def _reviewer(request: HttpRequest) -> None:
    if not may_review(request.user):
        raise PermissionDenied(_("Your role does not review record linkage."))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    queue = Paginator(selectors.review_queue(request.user), 50).get_page(request.GET.get("page"))
    runner = may_run_linkage(request.user)
    return render(
        request,
        "linkage/index.html",
        {
            "queue": queue,
            "may_run": runner,
            "model": selectors.latest_model() if runner else None,
            "merges": selectors.merges_for(request.user)[:20],
        },
    )


@login_required
@require_POST
def run(request: HttpRequest) -> HttpResponse:
    if not may_run_linkage(request.user):
        raise PermissionDenied(_("Your role may not run record linkage."))
    summary = services.run_linkage(actor=request.user, retrain=bool(request.POST.get("retrain")))
    messages.success(
        request,
        _(
            "Linkage run: %(records)s records, %(merges)s merges (%(moved)s records moved), "
            "%(queued)s pairs added to the review queue."
        )
        % {
            "records": summary.records,
            "merges": summary.merges,
            "moved": summary.records_moved,
            "queued": summary.queued_for_review,
        },
    )
    return redirect("linkage:index")


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    pair = get_object_or_404(selectors.pairs_for(request.user), pk=pk)
    rows, personal_shown = selectors.side_by_side(request.user, pair)
    context = {
        "pair": pair,
        "rows": rows,
        "personal_shown": personal_shown,
        "merges": pair.merges.all(),
        "history": history(pair),
    }
    return render(request, "linkage/pair.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    _reviewer(request)
    pair = get_object_or_404(selectors.pairs_for(request.user), pk=pk)
    action = {"confirm": services.confirm_pair, "reject": services.reject_pair}.get(decision)
    if action is None:
        raise PermissionDenied(_("Unknown decision."))
    try:
        action(actor=request.user, pair=pair, reason=request.POST.get("reason", "")[:500])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(pair.get_absolute_url())
    messages.success(request, _("Decision recorded."))
    return redirect("linkage:index")


@login_required
def merge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    merge = get_object_or_404(selectors.merges_for(request.user), pk=pk)
    return render(
        request,
        "linkage/merge.html",
        {"merge": merge, "may_undo": services.may_undo(request.user, merge)},
    )


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    merge = get_object_or_404(selectors.merges_for(request.user), pk=pk)
    try:
        services.undo_merge(actor=request.user, merge=merge, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The merge was undone."))
    return redirect(merge.get_absolute_url())
