"""The second baseline of the report benchmark: headline figures with their comparison years.

Every headline sentence of the report compares the year with earlier ones ("72 cases in 2020,
compared with 45 in 2019"; "the first annual increase in five years"), so the figures a reader
gets from a headline are the year's values and those earlier values. This baseline computes
exactly those, still by hand and still one SQL statement per section: for each headline figure
the years its sentence uses (``years_used``: the ``compare`` earlier years it names, or the
whole compared series when the sentence states a trend), read from the catalogue so that it
follows the report. Within a statement, the figures read from the same rows share one scan of
the years' date range with one conditional aggregate per figure and year (portable
``CASE WHEN``), as a person writing it by hand for speed would; continued investigations, a
state on 1 January, keep one correlated lookup per year as in the one-year baseline.

``bench.report_baseline`` (the year only) stays as it is: both ratios are printed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import connection

from bench.report_baseline import TRAFFICKING, moment, tables

# Per section, the row sets read: (FROM ... WHERE ... without the years, the date column,
# whether it is a timestamp, and each figure's aggregate with {when} for "in that year").
Scan = tuple[str, str, bool, list[tuple[str, str]]]

PROSECUTION: list[Scan] = [
    (
        "{case} c WHERE {trafficking_c}",
        "c.registered_on",
        False,
        [("investigations_new", "COUNT(CASE WHEN {when} THEN 1 END)")],
    ),
    (
        "{step} s WHERE s.transition = 'send_to_court' AND {trafficking_s}",
        "s.occurred_on",
        False,
        [("prosecutions", "COUNT(DISTINCT CASE WHEN {when} THEN s.case_id END)")],
    ),
    (
        "{verdict} v JOIN {article} a ON a.id = v.article_id"
        " WHERE v.outcome = 'convicted' AND a.is_trafficking",
        "v.verdict_on",
        False,
        [
            ("convictions", "COUNT(DISTINCT CASE WHEN {when} THEN v.defendant_id END)"),
            (
                "convictions_labor",
                "COUNT(DISTINCT CASE WHEN {when} AND v.exploitation_form IN ({labour})"
                " THEN v.defendant_id END)",
            ),
        ],
    ),
]

PROTECTION: list[Scan] = [
    (
        "{victim} WHERE status = 'identified' AND is_deidentified = %(no)s",
        "identified_on",
        False,
        [
            ("victims_identified", "COUNT(DISTINCT CASE WHEN {when} THEN person_id END)"),
            (
                "victims_kazakhstani",
                "COUNT(DISTINCT CASE WHEN {when} AND citizenship_id = %(country)s"
                " THEN person_id END)",
            ),
        ],
    ),
    (
        "{referral} r JOIN {victim} v ON v.id = r.victim_id"
        " JOIN {org} o ON o.id = r.from_organisation_id"
        " JOIN {agency_type} t ON t.id = o.agency_type_id"
        " WHERE t.kind IN ('police', 'prosecution') AND v.is_deidentified = %(no)s",
        "r.referred_on",
        False,
        [("referrals_by_law_enforcement", "COUNT(DISTINCT CASE WHEN {when} THEN v.person_id END)")],
    ),
    (
        "{call} WHERE 1 = 1",
        "received_at",
        True,
        [
            ("hotline_calls", "COUNT(CASE WHEN {when} THEN 1 END)"),
            (
                "hotline_referrals_to_police",
                "COUNT(CASE WHEN {when} AND outcome = 'referred_police' THEN 1 END)",
            ),
        ],
    ),
]

PREVENTION: list[Scan] = [
    (
        "{inspection} WHERE 1 = 1",
        "inspected_on",
        False,
        [
            ("labor_inspections", "COUNT(CASE WHEN {when} THEN 1 END)"),
            ("administrative_citations", "SUM(CASE WHEN {when} THEN administrative_citations END)"),
            ("fines", "SUM(CASE WHEN {when} THEN fines_count END)"),
            ("fines_kzt", "SUM(CASE WHEN {when} THEN fines_amount_kzt END)"),
        ],
    ),
    (
        "{violation} x JOIN {inspection} i ON i.id = x.inspection_id WHERE 1 = 1",
        "i.inspected_on",
        False,
        [("labor_violations", "SUM(CASE WHEN {when} THEN x.count END)")],
    ),
]

LINEAGE: list[Scan] = [
    (
        "{call} WHERE case_id IS NOT NULL",
        "received_at",
        True,
        [("hotline_calls_to_investigation", "COUNT(CASE WHEN {when} THEN 1 END)")],
    ),
    (
        "{inspection} WHERE case_id IS NOT NULL",
        "inspected_on",
        False,
        [("inspections_to_criminal_case", "COUNT(CASE WHEN {when} THEN 1 END)")],
    ),
]

# Open on 1 January of a year: registered before it, and its last step before it left it open.
CONTINUED = """SELECT COUNT(*) FROM {case} c WHERE c.registered_on < %(start_{y})s
  AND {trafficking_c}
  AND COALESCE((SELECT s.to_status FROM {step} s WHERE s.case_id = c.id
      AND s.occurred_on < %(start_{y})s ORDER BY s.occurred_on DESC, s.id DESC LIMIT 1),
    'investigating') IN ('investigating', 'suspended')"""

SECTIONS = {
    "prosecution": PROSECUTION,
    "protection": PROTECTION,
    "prevention": PREVENTION,
    "lineage": LINEAGE,
}
# The same 17 headline figures as ``bench.report_baseline``.
HEADLINES = ["investigations_continued"] + [
    key for scans in SECTIONS.values() for scan in scans for key, _ in scan[3]
]


def years_used(year: int) -> dict[str, list[int]]:
    """The years each headline sentence states: its own and the earlier ones it compares
    with (``compare`` of them, or the whole compared series when it states a trend)."""
    from tipdata.indicators.catalogue import load_catalogue
    from tipdata.indicators.evaluation import HISTORY

    catalogue = load_catalogue()
    found = {}
    for key in HEADLINES:
        indicator = catalogue.by_key(key)
        last = year + indicator.year_offset
        earlier = HISTORY if "{trend}" in indicator.sentence else indicator.compare
        found[key] = list(range(last - earlier, last + 1))
    return found


def scan_sql(scan: Scan, years: Mapping[str, list[int]], names: Mapping[str, str]) -> str:
    """One pass over a row set: its figures' years' date range, an aggregate per figure/year."""
    rows, column, at, figures = scan
    s, e = ("at_start", "at_end") if at else ("start", "end")
    wanted = [y for key, _ in figures for y in years[key]]
    columns = [
        template.format(when=f"{column} >= %({s}_{y})s AND {column} < %({e}_{y})s", **names)
        + f" AS {key}_{y}"
        for key, template in figures
        for y in years[key]
    ]
    span = f"{column} >= %({s}_{min(wanted)})s AND {column} < %({e}_{max(wanted)})s"
    return f"SELECT {', '.join(columns)} FROM {rows.format(**names)} AND {span}"


def statements(years: Mapping[str, list[int]]) -> dict[str, str]:
    """Per section one statement: its scans side by side (each returns one row)."""
    from tipdata.core.vocabulary import LABOUR_FORMS

    names = tables()
    names["trafficking_c"] = TRAFFICKING.format(case_id="c.id", **names)
    names["trafficking_s"] = TRAFFICKING.format(case_id="s.case_id", **names)
    names["labour"] = ", ".join(f"'{form}'" for form in sorted(LABOUR_FORMS))
    found = {}
    for section, scans in SECTIONS.items():
        parts = [scan_sql(scan, years, names) for scan in scans]
        if section == "prosecution":
            continued = [
                "(" + CONTINUED.format(y=y, **names) + f") AS investigations_continued_{y}"
                for y in years["investigations_continued"]
            ]
            parts.insert(1, "SELECT " + ", ".join(continued))
        derived = [f"({sql}) AS part{n}" for n, sql in enumerate(parts)]
        found[section] = "SELECT * FROM " + " CROSS JOIN ".join(derived)
    return found


def parameters(years: Mapping[str, list[int]], country: str) -> dict[str, Any]:
    params: dict[str, Any] = {"country": country, "no": False}
    for y in sorted({y for ys in years.values() for y in ys}):
        start, end = datetime.date(y, 1, 1), datetime.date(y + 1, 1, 1)
        params.update(
            {f"start_{y}": start, f"end_{y}": end, f"at_start_{y}": moment(start)}
            | {f"at_end_{y}": moment(end)}
        )
    return params


def run_baseline_years(
    year: int, country: str = "KZ", years: Mapping[str, list[int]] | None = None
) -> dict[tuple[str, int], Any]:
    """Every headline figure for each year its sentence uses: four statements, four trips."""
    years = years or years_used(year)
    params = parameters(years, country)
    figures: dict[tuple[str, int], Any] = {}
    with connection.cursor() as cursor:
        for sql in statements(years).values():
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            for name, value in zip(names, cursor.fetchone(), strict=True):
                key, _, y = name.rpartition("_")
                figures[(key, int(y))] = value
    return figures
