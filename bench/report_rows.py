"""Row generators of the benchmark dataset, table by table (see ``bench.report_data``).

Each generator yields tuples of the columns that vary; ids are given explicitly (the database
is empty) so that later tables can point at earlier rows without reading them back.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bench.report_data import ABROAD, DAYS, END, FOREIGN, YEARS, Reference, Scale, later
from bench.report_load import Table

Rows = Iterator[tuple[Any, ...]]
SEX_FORM, LABOUR, BEGGING = "SexualExploitation", "ForcedLabour", "ForcedBegging"
CHANNELS = ["special_operation", "police_investigation", "hotline", "ngo_outreach", "self_referral"]
CALL_TOPICS = ["trafficking_report", "labour_rights", "migration", "safe_travel", "other"]
CALLERS = ["possible_victim", "relative", "witness", "professional", "anonymous"]
VIOLATIONS = ["wages", "contract", "no_agreement", "working_time", "safety"]
INDICATORS = json.dumps(["withholding_wages", "retention_of_documents"])


@dataclass
class State:
    scale: Scale
    ref: Reference
    rng: random.Random
    cases_by_year: dict[int, list[int]] = field(default_factory=dict)
    case_rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def pick(self, items: list[Any]) -> Any:
        return items[int(self.rng.random() * len(items))]

    def day(self, year: int | None = None) -> datetime.date:
        return self.pick(DAYS[year if year is not None else self.pick(YEARS)])

    def case_of(self, year: int) -> int | None:
        cases = self.cases_by_year.get(year)
        return self.pick(cases) if cases else None


def persons(s: State) -> Rows:
    for i in range(1, int(s.scale.victims * 0.88) + 1):
        yield (i, f"P-{i:08d}")


def victims(s: State) -> Rows:
    """Victim records; one in eight is a second agency's record of an existing person."""
    n_persons = int(s.scale.victims * 0.88)
    rng, ref = s.rng, s.ref
    for i in range(1, s.scale.victims + 1):
        person = i if i <= n_persons else rng.randint(1, n_persons)
        by = s.pick(ref.police) if rng.random() < 0.6 else s.pick(ref.ngos)
        registered = s.day()
        u = rng.random()
        status = "identified" if u < 0.7 else "potential" if u < 0.95 else "not_a_victim"
        identified = later(registered, rng, 0, 40) if status == "identified" else None
        status = "potential" if status == "identified" and identified is None else status
        decided = later(registered, rng, 5, 90) if status == "not_a_victim" else None
        national = rng.random() < 0.75
        abroad = national and rng.random() < 0.4
        yield (
            i,
            f"V-{i:08d}",
            person,
            by,
            registered,
            status if status != "not_a_victim" or decided else "potential",
            identified,
            by if identified else None,
            s.pick(CHANNELS) if identified else "",
            decided,
            "female" if rng.random() < 0.7 else "male",
            "adult" if rng.random() < 0.85 else "child",
            "KZ" if national else s.pick(FOREIGN),
            s.pick(ABROAD) if abroad else "KZ",
            None if abroad else s.pick(ref.regions),
        )


def exploitations(s: State) -> Rows:
    for i in range(1, s.scale.victims + 1):
        u = s.rng.random()
        form = SEX_FORM if u < 0.6 else LABOUR if u < 0.95 else BEGGING
        yield (i, i, form)


def build_cases(s: State) -> None:
    """Cases with their whole timeline, kept in memory (they are few) for later tables."""
    rng, ref = s.rng, s.ref
    out: dict[str, list[tuple[Any, ...]]] = {
        k: [] for k in ("cases", "articles", "steps", "defendants", "verdicts", "sentences")
    }
    ids = {"step": 0, "defendant": 0, "verdict": 0}
    for i in range(1, s.scale.cases + 1):
        registered = s.day()
        s.cases_by_year.setdefault(registered.year, []).append(i)
        region = rng.randrange(len(ref.regions))
        form = SEX_FORM if rng.random() < 0.65 else LABOUR
        status, reason, sent = "investigating", "", None
        steps: list[tuple[str, str, str, datetime.date | None]] = []
        u = rng.random()
        if u < 0.45 and (sent := later(registered, rng, 30, 240)):
            status = "in_court"
            steps.append(("send_to_court", "investigating", "in_court", sent))
        elif u < 0.7 and (ended := later(registered, rng, 30, 400)):
            status, reason = "terminated", s.pick(["lack_of_evidence", "victim_request", "other"])
            steps.append(("terminate", "investigating", "terminated", ended))
        elif u < 0.8 and (paused := later(registered, rng, 60, 300)):
            status = "suspended"
            steps.append(("suspend", "investigating", "suspended", paused))
        verdict_on = later(sent, rng, 60, 300) if sent else None
        for _n in range(1 + int(rng.random() * 2.2)):
            ids["defendant"] += 1
            d = ids["defendant"]
            charged = sent is not None
            out["defendants"].append(
                (
                    d,
                    i,
                    f"D-{d:08d}",
                    "defendant" if charged else "suspect",
                    registered if charged else None,
                    "male" if rng.random() < 0.6 else "female",
                    "KZ" if rng.random() < 0.85 else s.pick(FOREIGN),
                    rng.random() < 0.005,
                    later(registered, rng, 0, 20) if rng.random() < 0.5 else None,
                )
            )
            if verdict_on is None:
                continue
            ids["verdict"] += 1
            convicted = rng.random() < 0.85
            out["verdicts"].append(
                (
                    ids["verdict"],
                    d,
                    "convicted" if convicted else "acquitted",
                    verdict_on,
                    ref.articles[0],
                    form,
                    ref.courts[region],
                )
            )
            if convicted:
                term = rng.randint(36, 204)
                out["sentences"].append(
                    (ids["verdict"], ids["verdict"], "imprisonment", *divmod(term, 12))
                )
        if verdict_on is not None and (closed := later(verdict_on, rng, 5, 30)):
            status = "closed"
            steps.append(("close", "in_court", "closed", closed))
        for transition, before, after, day in steps:
            ids["step"] += 1
            out["steps"].append((ids["step"], i, transition, before, after, day))
        out["articles"].append(
            (i, i, ref.articles[0] if rng.random() < 0.8 else s.pick(ref.articles))
        )
        out["cases"].append(
            (
                i,
                f"{registered.year}-{i:07d}",
                registered,
                ref.police[region],
                ref.regions[region],
                form,
                rng.random() < 0.05,
                rng.random() < 0.1,
                status,
                reason,
                sent,
                ref.prosecutors[region] if sent else None,
                ref.courts[region] if sent else None,
            )
        )
    s.case_rows = out


def case_victims(s: State) -> Rows:
    """Two in three victim records of the police are linked to a case of the same year."""
    n = 0
    rng = random.Random(7)
    for i in range(1, s.scale.victims + 1, 2):
        if rng.random() < 0.6 and (case := s.case_of(s.day().year)):
            n += 1
            yield (n, case, i)


def hotline_calls(s: State) -> Rows:
    rng, ref = s.rng, s.ref
    police = ref.police
    for i in range(1, s.scale.calls + 1):
        day = s.day()
        at = datetime.datetime(day.year, day.month, day.day) + datetime.timedelta(
            seconds=rng.randrange(86_400)
        )
        u = rng.random()
        outcome = "information" if u < 0.9 else "referred_police" if u < 0.93 else "referred_ngo"
        referred = None if outcome == "information" else s.pick(police if u < 0.93 else ref.ngos)
        case = s.case_of(day.year) if outcome == "referred_police" and rng.random() < 0.1 else None
        yield (
            i,
            at,
            s.pick(ref.hotlines),
            s.pick(CALLERS),
            s.pick(CALL_TOPICS),
            s.pick(ref.regions),
            int(rng.random() * 3),
            outcome,
            referred,
            case,
        )


def inspections(s: State) -> Rows:
    rng, ref = s.rng, s.ref
    for i in range(1, s.scale.inspections + 1):
        day = s.day()
        region = rng.randrange(len(ref.regions))
        fines = int(rng.random() * 2.5) if rng.random() < 0.3 else 0
        referred = rng.random() < 0.01
        yield (
            i,
            day,
            ref.inspectorates[region],
            ref.regions[region],
            f"Employer {i % 90_000}",
            f"{i % 90_000:012d}",
            rng.random() < 0.03,
            INDICATORS if rng.random() < 0.02 else "[]",
            int(rng.random() * 2),
            fines,
            fines * rng.randint(50, 400) * 1000,
            referred,
            later(day, rng, 1, 20) if referred else None,
            ref.police[region] if referred else None,
            s.case_of(day.year) if referred and rng.random() < 0.2 else None,
        )


def violations(s: State) -> Rows:
    n = 0
    for i in range(1, s.scale.inspections + 1):
        if s.rng.random() < 0.6:
            n += 1
            yield (n, i, s.pick(VIOLATIONS), 1 + int(s.rng.random() * 3))


def referrals(s: State) -> Rows:
    rng, ref = s.rng, s.ref
    for i in range(1, s.scale.victims // 3 + 1):
        victim = rng.randint(1, s.scale.victims)
        source = ref.police if rng.random() < 0.6 else ref.embassies
        yield (i, victim, s.pick(source), s.pick(ref.ngos), s.day(), True, "accepted")


def services(s: State) -> Rows:
    rng, ref = s.rng, s.ref
    for i in range(1, s.scale.victims // 2 + 1):
        kind = s.pick(["shelter", "legal_aid", "medical", "psychological"])
        yield (i, rng.randint(1, s.scale.victims), s.pick(ref.ngos), kind, "provided", s.day())


def tables(s: State) -> Iterator[tuple[str, Table, Callable[[], Rows]]]:
    """(name, table, rows) in an order where every row's targets already exist."""
    from tipdata.cases.models import CaseStatusChange, CriminalCase, Defendant, Sentence, Verdict
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection, Violation
    from tipdata.referrals.models import Referral, ServiceDelivery
    from tipdata.victims.models import Exploitation, Person, Victim

    def case_table(key: str, model: Any, columns: list[str]) -> Any:
        def produce() -> Rows:
            if not s.case_rows:
                build_cases(s)
            return iter(s.case_rows[key])

        return key, Table(model, columns), produce

    yield "persons", Table(Person, ["id", "code"]), lambda: persons(s)
    victim_columns = [
        "id", "code", "person_id", "registered_by_id", "registered_on", "status",
        "identified_on", "identified_by_id", "identification_channel", "status_decided_on",
        "sex", "age_group", "citizenship_id", "exploitation_country_id",
        "exploitation_region_id",
    ]  # fmt: skip
    yield "victims", Table(Victim, victim_columns), lambda: victims(s)
    yield (
        "exploitations",
        Table(Exploitation, ["id", "victim_id", "form"]),
        lambda: exploitations(s),
    )
    case_columns = [
        "id", "registration_number", "registered_on", "investigating_unit_id", "region_id",
        "exploitation_form", "organised_crime", "transnational", "status",
        "termination_reason", "sent_to_court_on", "prosecutor_office_id", "court_id",
    ]  # fmt: skip
    yield case_table("cases", CriminalCase, case_columns)
    articles = CriminalCase.articles.through
    yield case_table("articles", articles, ["id", "criminalcase_id", "penalarticle_id"])
    step_columns = ["id", "case_id", "transition", "from_status", "to_status", "occurred_on"]
    yield case_table("steps", CaseStatusChange, step_columns)
    defendant_columns = [
        "id", "case_id", "code", "role", "charged_on", "sex", "citizenship_id",
        "is_public_official", "arrested_on",
    ]  # fmt: skip
    yield case_table("defendants", Defendant, defendant_columns)
    verdict_columns = [
        "id", "defendant_id", "outcome", "verdict_on", "article_id", "exploitation_form",
        "court_id",
    ]  # fmt: skip
    yield case_table("verdicts", Verdict, verdict_columns)
    yield case_table("sentences", Sentence, ["id", "verdict_id", "kind", "years", "months"])
    linked = CriminalCase.victims.through
    yield (
        "case_victims",
        Table(linked, ["id", "criminalcase_id", "victim_id"]),
        lambda: case_victims(s),
    )
    call_columns = [
        "id", "received_at", "operator_id", "caller_type", "topic", "region_id",
        "possible_victims", "outcome", "referred_to_id", "case_id",
    ]  # fmt: skip
    yield "hotline_calls", Table(HotlineCall, call_columns), lambda: hotline_calls(s)
    inspection_columns = [
        "id", "inspected_on", "inspecting_unit_id", "region_id", "employer_name",
        "employer_business_id", "is_recruitment_agency", "forced_labour_indicators",
        "administrative_citations", "fines_count", "fines_amount_kzt", "referred_to_police",
        "referred_on", "referred_to_id", "case_id",
    ]  # fmt: skip
    yield "inspections", Table(LabourInspection, inspection_columns), lambda: inspections(s)
    violation_columns = ["id", "inspection_id", "category", "count"]
    yield "violations", Table(Violation, violation_columns), lambda: violations(s)
    referral_columns = [
        "id", "victim_id", "from_organisation_id", "to_organisation_id", "referred_on",
        "consent_given", "status",
    ]  # fmt: skip
    yield "referrals", Table(Referral, referral_columns), lambda: referrals(s)
    service_columns = ["id", "victim_id", "provider_id", "kind", "outcome", "started_on"]
    yield "services", Table(ServiceDelivery, service_columns), lambda: services(s)


def generated_tables() -> dict[str, str]:
    """Name and database table of every generated table."""
    state = State(scale=Scale(0, 0, 0, 0), ref=None, rng=random.Random())  # type: ignore[arg-type]
    return {name: table.name for name, table, _rows in tables(state)}


__all__ = ["END", "State", "generated_tables", "tables"]
