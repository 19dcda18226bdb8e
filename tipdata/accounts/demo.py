"""Demo organisations and one demo login per role, for ``script/server``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from tipdata.accounts.models import Organisation, Role, User
from tipdata.accounts.services import create_organisation, create_user
from tipdata.profiles.models import AgencyType, Country, Region
from tipdata.profiles.selectors import current_profile


@dataclass(frozen=True)
class DemoOrg:
    code: str
    name: str
    type_code: str
    region: str | None = None
    country: str | None = None


DEMO_ORGANISATIONS = [
    DemoOrg("mvd-at-almaty", "MVD anti-trafficking unit, Almaty", "MVD_AT_POLICE", "ALA"),
    DemoOrg("mvd-at-astana", "MVD anti-trafficking unit, Astana", "MVD_AT_POLICE", "AST"),
    DemoOrg("mvd-at-shymkent", "MVD anti-trafficking unit, Shymkent", "MVD_AT_POLICE", "SHY"),
    DemoOrg("mvd-at-turkistan", "MVD anti-trafficking unit, Turkistan", "MVD_AT_POLICE", "TUR"),
    DemoOrg("mvd-at-mangystau", "MVD anti-trafficking unit, Mangystau", "MVD_AT_POLICE", "MAN"),
    DemoOrg(
        "mvd-training-centre", "MVD Trafficking in Persons Training Center", "MVD_AT_POLICE", "KAR"
    ),
    DemoOrg("pgo", "Prosecutor General's Office", "PGO", "AST"),
    DemoOrg("prosecutor-almaty", "Almaty city prosecutor's office", "REGIONAL_PROSECUTOR", "ALA"),
    DemoOrg("court-almaty", "Almaty city court", "COURT", "ALA"),
    DemoOrg("court-astana", "Astana city court", "COURT", "AST"),
    DemoOrg("supreme-court", "Supreme Court", "SUPREME_COURT", "AST"),
    DemoOrg("mlsp-inspectorate", "MLSP state labour inspectorate", "LABOUR_INSPECTORATE", "AST"),
    DemoOrg("mlsp", "Ministry of Labour and Social Protection", "MINISTRY", "AST"),
    DemoOrg("mic", "Ministry of Information and Communication", "MINISTRY", "AST"),
    DemoOrg("mfa", "Ministry of Foreign Affairs", "MINISTRY", "AST"),
    DemoOrg("mvd", "Ministry of Internal Affairs", "MINISTRY", "AST"),
    DemoOrg("ngo-almaty", "Sana Sezim shelter, Almaty", "NGO_SHELTER", "ALA"),
    DemoOrg("ngo-astana", "Korgau shelter, Astana", "NGO_SHELTER", "AST"),
    DemoOrg("ngo-shymkent", "Shymkent crisis centre", "NGO_SHELTER", "SHY"),
    DemoOrg("iom-kz", "IOM Kazakhstan", "INTERNATIONAL_ORGANISATION", "ALA"),
    DemoOrg("embassy-uz", "Embassy of Uzbekistan", "EMBASSY", "AST", "UZ"),
    DemoOrg("hotline-111", "National anti-trafficking hotline", "HOTLINE", "ALA"),
    DemoOrg(
        "working-group", "Interagency Trafficking in Persons Working Group", "WORKING_GROUP", "AST"
    ),
]

DEMO_LOGINS = [
    ("admin", Role.ADMIN, "mvd"),
    ("secretariat", Role.SECRETARIAT, "working-group"),
    ("investigator", Role.POLICE_INVESTIGATOR, "mvd-at-almaty"),
    ("prosecutor", Role.PROSECUTOR, "pgo"),
    ("clerk", Role.COURT_CLERK, "court-almaty"),
    ("inspector", Role.LABOUR_INSPECTOR, "mlsp-inspectorate"),
    ("caseworker", Role.NGO_CASE_WORKER, "ngo-almaty"),
    ("hotline", Role.HOTLINE_OPERATOR, "hotline-111"),
    ("iom", Role.EMBASSY_OFFICER, "iom-kz"),
    ("analyst", Role.ANALYST, "mlsp"),
    ("auditor", Role.AUDITOR, "mvd"),
]


def demo_password(username: str) -> str:
    """Demo-only passwords, printed by ``script/server``; never used outside the demo."""
    return f"demo-{username}-2020"


@transaction.atomic
def ensure_demo_organisations() -> dict[str, Organisation]:
    profile = current_profile()
    orgs: dict[str, Organisation] = {}
    for spec in DEMO_ORGANISATIONS:
        existing = Organisation.objects.filter(code=spec.code).first()
        if existing is None:
            existing = create_organisation(
                actor=None,
                data={
                    "code": spec.code,
                    "name": spec.name,
                    "agency_type": AgencyType.objects.get(profile=profile, code=spec.type_code),
                    "region": Region.objects.get(profile=profile, code=spec.region)
                    if spec.region
                    else None,
                    "country": Country.objects.get(code=spec.country) if spec.country else None,
                },
            )
        orgs[spec.code] = existing
    return orgs


@transaction.atomic
def ensure_demo_logins() -> list[tuple[str, str, str, str]]:
    """Create missing demo users; returns (username, password, role, organisation) rows."""
    orgs = ensure_demo_organisations()
    rows = []
    for username, role, org_code in DEMO_LOGINS:
        if not User.objects.filter(username=username).exists():
            create_user(
                actor=None,
                username=username,
                password=demo_password(username),
                role=role,
                organisation=orgs[org_code],
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
            )
        rows.append((username, demo_password(username), str(Role(role).label), orgs[org_code].name))
    return rows


def ensure_demo_second_factors() -> list[tuple[str, str, str]]:
    """Give every demo login a confirmed TOTP device; returns (username, secret, otpauth URL).

    The demo prints the secrets so that a visitor can add them to an authenticator app (or
    ask ``tipdata demo_logins --code USERNAME`` for the current code). Demo only.
    """
    from base64 import b32encode

    from tipdata.accounts.signin import ensure_totp_device

    rows = []
    for username, _role, _org in DEMO_LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        device = ensure_totp_device(user)
        rows.append((username, b32encode(device.bin_key).decode("ascii"), device.config_url))
    return rows


def demo_code(username: str) -> str:
    """The current TOTP code of a demo login (refuses any other account)."""
    from tipdata.accounts.signin import current_code, ensure_totp_device

    if username not in {name for name, _role, _org in DEMO_LOGINS}:
        raise ValueError(f"{username} is not a demo login.")
    return current_code(ensure_totp_device(User.objects.get(username=username)))
