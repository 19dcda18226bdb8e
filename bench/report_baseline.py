"""The baseline of the report benchmark: one hand-written SQL query per report section.

Each query computes that section's headline figures for one year in a single statement (one
scalar subquery per figure), following the catalogue's definitions: what a person would write
by hand against the schema, with no ORM, no per-indicator round trips, no disaggregations, no
comparisons and no sources. The report does much more than this, so the ratio says what that
"more" costs; the figures themselves must agree, which the benchmark checks.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection


def tables() -> dict[str, str]:
    from tipdata.accounts.models import Organisation
    from tipdata.cases.models import CaseStatusChange, CriminalCase, Verdict
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection, Violation
    from tipdata.profiles.models import AgencyType, PenalArticle
    from tipdata.referrals.models import Referral
    from tipdata.victims.models import Victim

    models: dict[str, Any] = {
        "case": CriminalCase,
        "case_article": CriminalCase.articles.through,
        "article": PenalArticle,
        "step": CaseStatusChange,
        "verdict": Verdict,
        "victim": Victim,
        "referral": Referral,
        "org": Organisation,
        "agency_type": AgencyType,
        "call": HotlineCall,
        "inspection": LabourInspection,
        "violation": Violation,
    }
    return {name: model._meta.db_table for name, model in models.items()}


TRAFFICKING = """EXISTS (SELECT 1 FROM {case_article} ca
    JOIN {article} a ON a.id = ca.penalarticle_id
    WHERE ca.criminalcase_id = {case_id} AND a.is_trafficking)"""

PROSECUTION = """SELECT
  (SELECT COUNT(*) FROM {case} c WHERE c.registered_on >= %(start)s AND c.registered_on < %(end)s
     AND {trafficking_c}) AS investigations_new,
  (SELECT COUNT(*) FROM {case} c WHERE c.registered_on < %(start)s AND {trafficking_c}
     AND COALESCE((SELECT s.to_status FROM {step} s WHERE s.case_id = c.id
         AND s.occurred_on < %(start)s ORDER BY s.occurred_on DESC, s.id DESC LIMIT 1),
       'investigating') IN ('investigating', 'suspended')) AS investigations_continued,
  (SELECT COUNT(DISTINCT s.case_id) FROM {step} s WHERE s.transition = 'send_to_court'
     AND s.occurred_on >= %(start)s AND s.occurred_on < %(end)s AND {trafficking_s})
     AS prosecutions,
  (SELECT COUNT(DISTINCT v.defendant_id) FROM {verdict} v JOIN {article} a ON a.id = v.article_id
     WHERE v.outcome = 'convicted' AND a.is_trafficking
     AND v.verdict_on >= %(start)s AND v.verdict_on < %(end)s) AS convictions,
  (SELECT COUNT(DISTINCT v.defendant_id) FROM {verdict} v JOIN {article} a ON a.id = v.article_id
     WHERE v.outcome = 'convicted' AND a.is_trafficking AND v.exploitation_form IN ({labour})
     AND v.verdict_on >= %(start)s AND v.verdict_on < %(end)s) AS convictions_labor"""

PROTECTION = """SELECT
  (SELECT COUNT(DISTINCT person_id) FROM {victim} WHERE status = 'identified'
     AND is_deidentified = %(no)s AND identified_on >= %(start)s AND identified_on < %(end)s)
     AS victims_identified,
  (SELECT COUNT(DISTINCT person_id) FROM {victim} WHERE status = 'identified'
     AND is_deidentified = %(no)s AND citizenship_id = %(country)s
     AND identified_on >= %(start)s AND identified_on < %(end)s) AS victims_kazakhstani,
  (SELECT COUNT(DISTINCT v.person_id) FROM {referral} r JOIN {victim} v ON v.id = r.victim_id
     JOIN {org} o ON o.id = r.from_organisation_id JOIN {agency_type} t ON t.id = o.agency_type_id
     WHERE t.kind IN ('police', 'prosecution') AND v.is_deidentified = %(no)s
     AND r.referred_on >= %(start)s AND r.referred_on < %(end)s) AS referrals_by_law_enforcement,
  (SELECT COUNT(*) FROM {call} WHERE received_at >= %(at_start)s AND received_at < %(at_end)s)
     AS hotline_calls,
  (SELECT COUNT(*) FROM {call} WHERE outcome = 'referred_police'
     AND received_at >= %(at_start)s AND received_at < %(at_end)s)
     AS hotline_referrals_to_police"""

PREVENTION = """SELECT
  (SELECT COUNT(*) FROM {inspection} WHERE inspected_on >= %(start)s AND inspected_on < %(end)s)
     AS labor_inspections,
  (SELECT SUM(x.count) FROM {violation} x JOIN {inspection} i ON i.id = x.inspection_id
     WHERE i.inspected_on >= %(start)s AND i.inspected_on < %(end)s) AS labor_violations,
  (SELECT SUM(administrative_citations) FROM {inspection}
     WHERE inspected_on >= %(start)s AND inspected_on < %(end)s) AS administrative_citations,
  (SELECT SUM(fines_count) FROM {inspection}
     WHERE inspected_on >= %(start)s AND inspected_on < %(end)s) AS fines,
  (SELECT SUM(fines_amount_kzt) FROM {inspection}
     WHERE inspected_on >= %(start)s AND inspected_on < %(end)s) AS fines_kzt"""

LINEAGE = """SELECT
  (SELECT COUNT(*) FROM {call} WHERE case_id IS NOT NULL
     AND received_at >= %(at_start)s AND received_at < %(at_end)s)
     AS hotline_calls_to_investigation,
  (SELECT COUNT(*) FROM {inspection} WHERE case_id IS NOT NULL
     AND inspected_on >= %(start)s AND inspected_on < %(end)s) AS inspections_to_criminal_case"""

SECTIONS = {
    "prosecution": PROSECUTION,
    "protection": PROTECTION,
    "prevention": PREVENTION,
    "lineage": LINEAGE,
}


def statements() -> dict[str, str]:
    """The four statements with table names filled in from the models."""
    from tipdata.core.vocabulary import LABOUR_FORMS

    names = tables()
    names["trafficking_c"] = TRAFFICKING.format(case_id="c.id", **names)
    names["trafficking_s"] = TRAFFICKING.format(case_id="s.case_id", **names)
    names["labour"] = ", ".join(f"'{form}'" for form in sorted(LABOUR_FORMS))
    return {key: sql.format(**names) for key, sql in SECTIONS.items()}


def moment(day: datetime.date) -> Any:
    """Local midnight of ``day`` as the database compares timestamps (SQLite: naive UTC text)."""
    local = datetime.datetime.combine(day, datetime.time(), ZoneInfo(settings.TIME_ZONE))
    if connection.vendor == "sqlite":
        return local.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    return local


def parameters(year: int, country: str) -> dict[str, Any]:
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return {
        "start": start,
        "end": end,
        "at_start": moment(start),
        "at_end": moment(end),
        "country": country,
        "no": False,
    }


def run_baseline(year: int, country: str = "KZ") -> dict[str, Any]:
    """Every section's headline figures for ``year``: four statements, four round trips."""
    params = parameters(year, country)
    figures: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for sql in statements().values():
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            figures.update(zip(names, cursor.fetchone(), strict=True))
    return figures
