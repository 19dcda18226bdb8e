"""Who may read the country report, and which drill-down links a reader may follow.

The report is aggregate (no name, no record), but it is the working group's draft before
submission, so it is not public: the roles that prepare or analyse it read it, namely
administrators, the working-group secretariat and analysts. Agency staff see their own records
through their own pages instead. ``accounts.access`` decides record visibility; this module
only asks it.

A figure's drill-down is the list page of the records behind it. The page itself narrows the
list to what the reader may see (``visible_to``), but a link to a list the reader may not open
at all (the secretariat and individual cases) would only lead to a refusal, so such links are
not shown: the figure stays, without a link.
"""

from __future__ import annotations

from typing import Any

from django.urls import Resolver404, resolve

from tipdata.accounts.access import can_browse
from tipdata.accounts.models import Role

REPORT_ROLES = frozenset({Role.ADMIN, Role.SECRETARIAT, Role.ANALYST})


def can_view_report(user: Any) -> bool:
    """May ``user`` open the country report page and download its files?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(getattr(user, "is_administrator", False) or user.role in REPORT_ROLES)


def visible_drilldown(user: Any, url: str) -> str:
    """``url`` when ``user`` may open the records behind it, else "".

    A record list page (a registered record type) is shown when the user may browse that
    model; any other page of the site is shown as is (it checks its own access); a URL that
    leads nowhere is dropped rather than shown as a broken link.
    """
    from tipdata.core.registry import REGISTRY

    if not url or user is None:
        return ""
    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return ""
    name = (match.url_name or "").removesuffix("-list")
    record_type = REGISTRY.get(f"{match.namespace}:{name}")
    if record_type is None:
        return url
    return url if can_browse(user, record_type.model) else ""
