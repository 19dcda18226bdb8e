"""The declared permission matrix: what every role may do on every page and API endpoint.

``test_permission_matrix`` walks the URL configuration and checks each endpoint against this
declaration; an endpoint declared nowhere fails the test, so a new page cannot escape it.

Record types (generic pages and API viewsets) are declared per model: for each role, the
world record it is probed with (one in its scope, see ``world.py``) and what it may do:

    l  open the list              (else 403)
    c  open the create form, POST to the API list   (else 403)
    d  open the probe record      (else 404, exactly like a missing record)
    e  edit the probe record      (else 403 when it may see it)
    F  see the *foreign* record   (one no persona's organisation holds; else 404)

Other pages are declared by URL name with the status each role gets (``CUSTOM``).
"""

from __future__ import annotations

from dataclasses import dataclass

from tipdata.accounts.models import Role

AD, SE, IN, PR, CL, LI, NG, HO, EM, AN, AU = (
    Role.ADMIN,
    Role.SECRETARIAT,
    Role.POLICE_INVESTIGATOR,
    Role.PROSECUTOR,
    Role.COURT_CLERK,
    Role.LABOUR_INSPECTOR,
    Role.NGO_CASE_WORKER,
    Role.HOTLINE_OPERATOR,
    Role.EMBASSY_OFFICER,
    Role.ANALYST,
    Role.AUDITOR,
)
ROLES = (AD, SE, IN, PR, CL, LI, NG, HO, EM, AN, AU)
PEOPLE = (IN, PR, CL, LI, NG, HO, EM)

# Status sets. REACH: got past access control (the request itself may still be refused
# as invalid); the matrix uses it for steps whose rules live in their services.
OK = frozenset({200})
DENIED = frozenset({403})
HIDDEN = frozenset({404})
REACH = frozenset({200, 201, 302, 400, 403, 405})
SIGN_IN = "sign-in"  # anonymous pages redirect to the sign-in page; the API answers 401


@dataclass(frozen=True)
class Grant:
    probe: str | None
    rights: str


def grants(foreign: str, **by_role: tuple[str | None, str]) -> dict[str, object]:
    table: dict[str, object] = {"foreign": foreign}
    for role in ROLES:
        probe, rights = by_role.get(role.value, (None, ""))
        table[role] = Grant(probe, rights)
    return table


def _all(probe: str, rights: str, **overrides: tuple[str | None, str]) -> dict[str, object]:
    base = {role.value: (probe, rights) for role in ROLES}
    return grants(probe, **{**base, **overrides})


def _people(rights: str, **overrides: tuple[str | None, str]) -> dict[str, tuple]:
    return {**{r.value: (None, rights) for r in PEOPLE}, **overrides}


RECORDS: dict[str, dict[str, object]] = {
    "victims.victim": grants(
        "victim_other",
        admin=("victim_shelter", "lcdeF"),
        analyst=("victim_shelter", "ldF"),
        ngo_case_worker=("victim_shelter", "lcde"),
        embassy_officer=("victim_referred", "lcd"),
        police_investigator=("victim_police", "lcde"),
        prosecutor=("victim_police", "lcd"),
        court_clerk=("victim_police", "ld"),
        labour_inspector=("victim_inspection", "lcde"),
        hotline_operator=("victim_call", "lcde"),
    ),
    "referrals.referral": grants(
        "referral_other",
        **_people("lc", embassy_officer=("referral", "lcd"), court_clerk=(None, "l")),
        admin=("referral", "lcdeF"),
        analyst=("referral", "ldF"),
    ),
    "referrals.servicedelivery": grants(
        "service_other",
        **_people("lc", ngo_case_worker=("service", "lcde"), court_clerk=(None, "l")),
        admin=("service", "lcdeF"),
        analyst=("service", "ldF"),
    ),
    "cases.criminalcase": grants(
        "case_other",
        admin=("case_own", "lcdeF"),
        analyst=("case_own", "ldF"),
        police_investigator=("case_own", "lcde"),
        prosecutor=("case_own", "ld"),
        court_clerk=("case_own", "ld"),
    ),
    "cases.defendant": grants(
        "defendant_other",
        admin=("defendant_own", "lcdeF"),
        analyst=("defendant_own", "ldF"),
        police_investigator=("defendant_own", "lcde"),
        prosecutor=("defendant_own", "ld"),
        court_clerk=("defendant_own", "ld"),
    ),
    "cases.internationalcooperation": grants(
        "cooperation_other",
        admin=("cooperation_own", "lcdeF"),
        analyst=("cooperation_own", "ldF"),
        police_investigator=("cooperation_own", "lcde"),
        prosecutor=("cooperation_own", "ld"),
        court_clerk=("cooperation_own", "ld"),
    ),
    "cases.verdict": grants(
        "verdict_other",
        admin=("verdict_own", "lcdeF"),
        analyst=("verdict_own", "ldF"),
        police_investigator=("verdict_own", "ld"),
        prosecutor=("verdict_own", "ld"),
        court_clerk=("verdict_own", "lcde"),
    ),
    "cases.sentence": grants(
        "sentence_other",
        admin=("sentence_own", "lcdeF"),
        analyst=("sentence_own", "ldF"),
        police_investigator=("sentence_own", "ld"),
        prosecutor=("sentence_own", "ld"),
        court_clerk=("sentence_own", "lcde"),
    ),
    "cases.casereview": grants(
        "review_other",
        admin=("review", "lcdeF"),
        analyst=("review", "ldF"),
        prosecutor=("review", "lcde"),
        police_investigator=(None, "l"),
        court_clerk=(None, "l"),
    ),
    "hotline.hotlinecall": grants(
        "call_other",
        **_people("l", hotline_operator=("call", "lcde")),
        admin=("call", "lcdeF"),
        analyst=("call", "ldF"),
    ),
    "inspections.labourinspection": grants(
        "inspection_other",
        **_people("l", labour_inspector=("inspection", "lcde")),
        admin=("inspection", "lcdeF"),
        analyst=("inspection", "ldF"),
    ),
    "privacy.consent": grants(
        "consent_other",
        **_people("lc", embassy_officer=("consent", "lcd")),
        admin=("consent", "lcdF"),  # consent is never edited: it is withdrawn (a step)
    ),
    # Agencies and the profile's reference data: a directory every signed-in user reads.
    "accounts.organisation": _all("org:shelter", "ldF", admin=("org:shelter", "lcdeF")),
    "profiles.region": _all("region", "ldF", admin=("region", "lcdeF")),
    "profiles.penalarticle": _all("article", "ldF", admin=("article", "lcdeF")),
    "profiles.agencytype": _all("agencytype", "ldF", admin=("agencytype", "lcdeF")),
    "profiles.exchangerate": _all("exchangerate", "ldF", admin=("exchangerate", "lcdeF")),
    "profiles.country": _all("country", "ldF"),
}

# Prevention and capacity records: national, non-personal, read by every role but the
# auditor; written by their organiser's members (here the working group's secretariat).
for _label in (
    "training",
    "awarenesscampaign",
    "specialoperation",
    "workinggroupmeeting",
    "grant",
    "taskforce",
    "bilateralagreement",
    "capacityfigure",
    "repatriation",
):
    RECORDS[f"activities.{_label}"] = _all(
        _label,
        "lcdF",
        admin=(_label, "lcdeF"),
        secretariat=(_label, "lcdeF"),
        auditor=(None, ""),
    )


def only(*roles: Role, status: frozenset[int] = OK, others: frozenset[int] = DENIED) -> dict:
    return {role: (status if role in roles else others) for role in ROLES}


EVERYONE = {role: OK for role in ROLES}
REPORT_READERS = only(AD, SE, AN)
PERSONAL = only(AD, *PEOPLE)
VICTIM_BROWSERS = tuple(
    role
    for role in ROLES
    if "l" in RECORDS["victims.victim"][role].rights  # type: ignore[attr-defined]
)
LINKAGE_REVIEWER_ROLES = (AD, AN, *PEOPLE)
LINKAGE_REVIEWERS = only(*LINKAGE_REVIEWER_ROLES)

# Pages and endpoints outside the record types: URL name -> {role: statuses}, plus
# "anonymous": SIGN_IN (redirect / 401), or a status set for public pages.
CUSTOM: dict[str, dict] = {
    "home": {**EVERYONE},
    "set_language": {"anonymous": frozenset({302}), **{r: frozenset({302}) for r in ROLES}},
    "login": {"anonymous": OK, **{r: frozenset({302}) for r in ROLES}},
    "logout": {"anonymous": frozenset({302}), **{r: frozenset({302}) for r in ROLES}},
    "signin-two-factor": {**{r: frozenset({302}) for r in ROLES}},
    "signin-verify": {**{r: OK for r in ROLES}},
    "tokens-list": {**EVERYONE},
    "tokens-revoke": {**{r: HIDDEN for r in ROLES}},  # someone else's token is not found
    "password_change": {**EVERYONE},
    "password_change_done": {**EVERYONE},
    "password_reset": {"anonymous": OK, **EVERYONE},
    "password_reset_done": {"anonymous": OK, **EVERYONE},
    "password_reset_confirm": {"anonymous": OK, **EVERYONE},
    "password_reset_complete": {"anonymous": OK, **EVERYONE},
    # Public; generating the schema takes seconds, so one signed-in role stands for all.
    "api-schema": {"anonymous": OK, "roles": (AD,), **EVERYONE},
    "api-docs": {"anonymous": OK, **EVERYONE},
    "api-root": {**EVERYONE},
    "auditentry-list": only(AU),
    "auditentry-detail": only(AU),
    "audit:entry-list": only(AU),
    "audit:entry-detail": only(AU),
    "audit:entry-export-csv": only(AU),
    "audit:entry-export-xlsx": only(AU),
    "audit:verify": only(AU),
    "audit:emergency-list": only(AU),
    "audit:emergency-review": only(AU, status=HIDDEN),  # no pending grant with that id
    "accounts:user-list": only(AD),
    "accounts:user-create": only(AD),
    "accounts:user-detail": only(AD),
    "accounts:user-edit": only(AD),
    "accounts:user-active": only(AD, status=frozenset({302})),
    # Index pages list only the kinds a user may browse (the auditor's is empty).
    "profiles:index": {**EVERYONE},
    "activities:index": {**EVERYONE},
    # The indicator catalogue is definitions, not data; a drill-down lists records through
    # visible_to (an empty list for a role that sees none).
    "indicators:catalogue": {**EVERYONE},
    "indicators:records": only(AD, IN, PR, CL, AN),  # the probe indicator counts cases
    "indicator-list": {**EVERYONE},
    "historicalvalue-list": {**EVERYONE},  # the auditor's list is empty
    "historicalvalue-detail": only(*[r for r in ROLES if r != AU], others=HIDDEN),
    "reports:index": REPORT_READERS,
    "reports:download": REPORT_READERS,
    "privacy:emergency": only(*PEOPLE),
    "privacy:lookup": PERSONAL,
    # Record linkage: reviewers (the people roles and analysts) open the queue; analysts and
    # administrators run it. A pair or merge outside one's scope (here: a made-up id) is 404.
    "linkage:index": LINKAGE_REVIEWERS,
    "linkage:run": only(AD, AN, status=frozenset({302})),
    "linkage:pair-detail": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage:pair-decide": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage:merge-detail": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage:merge-undo": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage-pair-list": LINKAGE_REVIEWERS,
    "linkage-pair-detail": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage-pair-confirm": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage-pair-reject": only(*LINKAGE_REVIEWER_ROLES, status=HIDDEN),
    "linkage-merge-list": {**EVERYONE},  # empty for those who neither run nor review
    "linkage-merge-detail": {r: HIDDEN for r in ROLES},
    "linkage-merge-undo": {r: HIDDEN for r in ROLES},
    "linkage-run-list": only(AD, AN),
    # Data exchange: record exports for those who browse victims (scoped, audited); the UNODC
    # submission for the report's readers ("json" is no submission format: 404 past the check).
    "exchange:index": only(*VICTIM_BROWSERS, SE),
    "exchange:htcds": only(*VICTIM_BROWSERS),
    "exchange:ctdc": only(*VICTIM_BROWSERS),
    "exchange:glotip": only(AD, SE, AN, status=HIDDEN),
    # Imports: a role imports the types it may create on their pages (``may_import``): every
    # role but the auditor creates activities. A job of another organisation (here: a made-up
    # id) is not found, whoever asks.
    "intake:index": only(*[r for r in ROLES if r != AU]),
    "intake:template": only(AD, IN, PR, LI, NG, HO, EM),  # the victims template
    "intake:job": {r: HIDDEN for r in ROLES},
    "intake:job-progress": {r: HIDDEN for r in ROLES},
    "intake:job-report": {r: HIDDEN for r in ROLES},
}

# Pages of one record beyond the generic ones: URL name -> the model whose record is in the
# URL, what a role that sees it gets (one that does not gets 404, like a missing record),
# and optionally the world record to use instead of each role's probe.
RECORD_PAGES: dict[str, tuple] = {
    "victims:victim-personal": ("victims.victim", EVERYONE),
    "referrals:referral-personal": ("referrals.referral", EVERYONE),
    "referrals:servicedelivery-personal": ("referrals.servicedelivery", EVERYONE),
    "hotline:hotlinecall-personal": ("hotline.hotlinecall", EVERYONE),
    "cases:defendant-personal": ("cases.defendant", EVERYONE),
    "privacy:erase": ("victims.victim", only(AD, *PEOPLE)),
    # Forms adding to a case: its writers get the form; other readers may get it too, and
    # the service refuses their save (REACH).
    "cases:defendant-create": ("cases.criminalcase", only(AD, IN, others=REACH)),
    "cases:internationalcooperation-create": ("cases.criminalcase", only(AD, IN, others=REACH)),
    "cases:verdict-create": ("cases.defendant", only(AD, CL, others=REACH), "defendant_pending"),
    "cases:sentence-create": ("cases.verdict", only(AD, CL, others=REACH), "verdict_pending"),
    "cases:criminalcase-victims": ("cases.criminalcase", only(AD, IN, others=REACH)),
    "cases:criminalcase-unlink-victim": ("cases.criminalcase", only(status=REACH, others=REACH)),
    "criminalcase-link-victims": ("cases.criminalcase", only(status=REACH, others=REACH)),
    "criminalcase-unlink-victim": ("cases.criminalcase", only(status=REACH, others=REACH)),
}
