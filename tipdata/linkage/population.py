# ruff: noqa: RUF001 -- Cyrillic and Uzbek Latin letters are the data here
"""A synthetic population of trafficking-case records with known truth.

Why synthetic: real victim records can never leave the agencies, yet linkage needs a test bed
that looks like them. Each true person (Kazakh, Russian or Uzbek) is recorded 1-4 times by
different agencies, each writing what it was told in its own script and habits: Cyrillic with or
without the Kazakh letters, passport (ICAO) Latin, Kazakh Latin 2021, Uzbek Latin or informal
English; typos; missing or year-only birth dates (victims often know only their age); swapped
given/family order; a married name for some women; Soviet-style (-ovich/-ovna) or Kazakh/Uzbek
style (-uly/-kyzy, o'g'li/qizi) patronymics; an identity number (IIN or passport) only
sometimes. The transliteration tables here are written independently of ``names.normalise`` so
that the benchmark does not grade the normaliser against itself.

The demo data uses the same function, so it is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from itertools import accumulate

import pandas as pd

from tipdata.linkage.population_data import _PARTS, FAMILY, GIVEN, SCHEMES


@dataclass(frozen=True)
class Habits:
    """How an agency writes a person down: shares of records with each kind of detail.

    Courts and prosecutors copy from identity documents; a hotline writes what a caller says.
    Birth-date shares are full date / year only / none; the rest are mistyped dates.
    """

    latin: float
    identity: float
    patronymic: float
    full_date: float
    year_only: float
    no_date: float


AGENCIES: dict[str, Habits] = {
    "police": Habits(0.05, 0.6, 0.85, 0.8, 0.1, 0.05),
    "prosecutor": Habits(0.0, 0.7, 0.9, 0.9, 0.04, 0.02),
    "court": Habits(0.0, 0.8, 0.95, 0.93, 0.02, 0.01),
    "ngo": Habits(0.35, 0.15, 0.5, 0.55, 0.25, 0.12),
    "shelter": Habits(0.2, 0.25, 0.6, 0.6, 0.25, 0.08),
    "hotline": Habits(0.1, 0.02, 0.2, 0.2, 0.45, 0.32),
    "labour_inspection": Habits(0.1, 0.4, 0.6, 0.6, 0.2, 0.15),
    "embassy": Habits(1.0, 0.9, 0.3, 0.93, 0.03, 0.01),
    "iom": Habits(0.9, 0.5, 0.3, 0.75, 0.15, 0.05),
}
_COPIES = (1, 2, 3, 4)
_COPY_WEIGHTS = (0.45, 0.3, 0.15, 0.1)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CYR_LETTERS = "абвгдежзийклмнопрстуфхцчшыэюя"


@dataclass
class Person:
    """One true person; records are noisy views of it."""

    person_id: str
    group: str
    sex: str
    given: str
    family: str
    married_family: str | None
    father: str
    birth: dt.date
    citizenship: str
    iin: str | None
    passport: str


_ZIPF_CACHE: dict[tuple[int, float], list[float]] = {}


def _zipf_choice(rng: random.Random, items: list[str], exponent: float = 0.5) -> str:
    """Names are not uniform: a few are very common (the first of a list takes 5-7%)."""
    cum = _ZIPF_CACHE.get((id(items), exponent))
    if cum is None:
        cum = list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(items))))
        _ZIPF_CACHE[(id(items), exponent)] = cum
    return rng.choices(items, cum_weights=cum, k=1)[0]


_ROOTS: dict[str, list[str]] = {}


def _surname_roots(group: str) -> list[str]:
    """Kazakh and Uzbek surnames mostly come from a forefather's given name (Serik -> Serikov)."""
    if group not in _ROOTS:
        roots = list(FAMILY[group])
        if group != "ru":
            prefixes, suffixes = _PARTS[group]
            compounds = [p + s.lower() for p in prefixes for s in suffixes]
            roots += [n for n in GIVEN[(group, "male")] + compounds if n not in roots]
        _ROOTS[group] = roots
    return _ROOTS[group]


def _family_form(root: str, group: str, sex: str) -> str:
    """Akhmet -> Akhmetov/Akhmetova, Zhumabai -> Zhumabaev, Savitskii -> Savitskaia."""
    if group != "ru":
        if root.endswith("й"):
            root = root[:-1] + "ев"
        else:
            root += "ев" if root[-1] in "аеёиоуыэюяўәөұүі" else "ов"
    if sex == "female":
        if root.endswith(("ов", "ев", "ёв", "ин")):
            return root + "а"
        if root.endswith("ий"):
            return root[:-2] + "ая"
    return root


def _iin(rng: random.Random, birth: dt.date, sex: str) -> str:
    """A Kazakh IIN: birth date, century-and-sex digit, serial, and the official check digit."""
    century = (3 if birth.year < 2000 else 5) + (1 if sex == "female" else 0)
    digits = f"{birth:%y%m%d}{century}{rng.randrange(10_000):04d}"
    for weights in (range(1, 12), [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]):
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check < 10:
            return digits + str(check)
    return digits + "0"


def _new_person(rng: random.Random, number: int) -> Person:
    group = rng.choices(("kz", "ru", "uz"), weights=(0.55, 0.2, 0.25))[0]
    sex = "female" if rng.random() < 0.65 else "male"
    age = min(70, max(14, int(rng.gauss(29, 10))))
    birth = dt.date(2021 - age, 1, 1) + dt.timedelta(days=rng.randrange(365))
    family_root = _zipf_choice(rng, _surname_roots(group))
    married = None
    if sex == "female" and age > 22 and rng.random() < 0.3:
        spouse_group = group if rng.random() < 0.8 else rng.choice(("kz", "ru", "uz"))
        married = _family_form(_zipf_choice(rng, _surname_roots(spouse_group)), spouse_group, sex)
    citizenship = "UZ" if group == "uz" and rng.random() < 0.8 else "KZ"
    if group == "ru" and rng.random() < 0.1:
        citizenship = "RU"
    kz_citizen = citizenship == "KZ"
    prefix = "N" if kz_citizen else rng.choice(("AA", "AB", "FA"))
    return Person(
        person_id=f"P{number:07d}",
        group=group,
        sex=sex,
        given=_zipf_choice(rng, GIVEN[(group, sex)], 0.3),
        family=_family_form(family_root, group, sex),
        married_family=married,
        father=_zipf_choice(rng, GIVEN[(group, "male")], 0.3),
        birth=birth,
        citizenship=citizenship,
        iin=_iin(rng, birth, sex) if kz_citizen else None,
        passport=prefix
        + (f"{rng.randrange(10**8):08d}" if kz_citizen else f"{rng.randrange(10**7):07d}"),
    )


def _patronymic(rng: random.Random, person: Person) -> str:
    father = person.father
    if person.group != "ru" and rng.random() < 0.5:  # Kazakh/Uzbek style, a separate word
        if person.group == "uz":
            return f"{father} {'қизи' if person.sex == 'female' else 'ўғли'}"
        return father + ("қызы" if person.sex == "female" else "ұлы")
    if father.endswith("й"):
        base = father[:-1] + "ев"
    elif father.endswith(("а", "я")):
        base = father[:-1] + ("ич" if person.sex == "male" else "ичн")
        return base + ("а" if person.sex == "female" else "")
    else:
        base = father + "ов"
    return base + ("ич" if person.sex == "male" else "на")


def _write(rng: random.Random, text: str, scheme: str | None) -> str:
    """Spell a Cyrillic name in an agency's script, keeping the capital letter."""
    if scheme is None:
        return text
    table = SCHEMES[scheme]
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        piece = table.get(low, low)
        if scheme in ("english", "uz") and low == "е" and (i == 0 or text[i - 1] in " ьъ"):
            piece = "ye"
        out.append(piece.capitalize() if ch.isupper() else piece)
    return "".join(out)


def _typo(rng: random.Random, text: str) -> str:
    """One keyboard slip: a dropped, doubled, swapped or wrong letter."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    alphabet = _CYR_LETTERS if "а" <= text[i].lower() <= "я" else _LETTERS
    return text[:i] + rng.choice(alphabet) + text[i + 1 :]


def _birth_fields(
    rng: random.Random, birth: dt.date, habits: Habits
) -> tuple[str | None, int | None]:
    """Victims often know only their age or year of birth; some dates are mistyped."""
    roll = rng.random()
    if roll < habits.full_date:
        return birth.isoformat(), birth.year
    roll -= habits.full_date
    if roll < habits.year_only:
        # One in six year-only records comes from a stated age and is a year off.
        year = birth.year + (rng.choice((-1, 1)) if rng.random() < 1 / 6 else 0)
        return None, year
    if roll < habits.year_only + habits.no_date:
        return None, None
    wrong = _mistyped_date(rng, birth)
    return wrong.isoformat(), wrong.year


def _mistyped_date(rng: random.Random, birth: dt.date) -> dt.date:
    """Day and month swapped, a day off, or one wrong digit (kept a valid date)."""
    if rng.random() < 0.3 and birth.day <= 12 and birth.day != birth.month:
        return birth.replace(month=birth.day, day=birth.month)
    if rng.random() < 0.3:
        return birth + dt.timedelta(days=rng.choice((-1, 1)))
    text = birth.isoformat()
    for _ in range(20):
        i = rng.choice((2, 3, 5, 6, 8, 9))
        candidate = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
        try:
            wrong = dt.date.fromisoformat(candidate)
        except ValueError:
            continue
        if wrong != birth and 1930 < wrong.year < 2021:
            return wrong
    return birth


def _record(rng: random.Random, person: Person, agency: str) -> dict[str, object]:
    habits = AGENCIES[agency]
    latin = rng.random() < habits.latin
    if latin:
        if person.group == "uz" and rng.random() < 0.6:
            scheme: str | None = "uz"
        else:
            scheme = rng.choices(("icao", "english", "kz2021"), weights=(0.6, 0.3, 0.1))[0]
    else:
        scheme = "russified" if rng.random() < 0.4 else None
    family = person.family
    if person.married_family and rng.random() < 0.5:
        family = person.married_family
    given_name, family_name = _write(rng, person.given, scheme), _write(rng, family, scheme)
    patronymic = None
    if rng.random() < habits.patronymic:
        patronymic = _write(rng, _patronymic(rng, person), scheme)
    if rng.random() < 0.05:
        given_name = _typo(rng, given_name)
    if rng.random() < 0.05:
        family_name = _typo(rng, family_name)
    if rng.random() < 0.05:
        given_name, family_name = family_name, given_name
    birth_date, birth_year = _birth_fields(rng, person.birth, habits)
    identity = None
    if rng.random() < habits.identity:
        use_passport = person.iin is None or (latin and rng.random() < 0.5)
        identity = person.passport if use_passport else person.iin
        if identity and rng.random() < 0.02:
            identity = _typo(rng, identity)
    sex = person.sex if rng.random() < 0.95 else rng.choice(("unknown", "unknown", "other"))
    if rng.random() < 0.005:
        sex = "male" if person.sex == "female" else "female"
    citizenship: str | None = person.citizenship if rng.random() < 0.85 else None
    if citizenship and rng.random() < 0.01:
        citizenship = rng.choice(("KZ", "UZ", "RU", "KG", "TJ"))
    return {
        "record_id": "",
        "given_name": given_name,
        "family_name": family_name,
        "patronymic": patronymic,
        "birth_date": birth_date,
        "birth_year": birth_year,
        "sex": sex,
        "citizenship": citizenship,
        "identity_number": identity,
        "source": agency,
    }


def generate_population(n_records: int, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """Return ``n_records`` person records and the truth: a Series record_id -> person_id.

    Each true person appears 1-4 times (mostly with different agencies, sometimes twice with
    the same one). Rows are shuffled so that copies of a person are not adjacent.
    """
    if n_records < 0:
        raise ValueError(f"n_records must be >= 0, got {n_records}")
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    truth: list[str] = []
    number = 0
    while len(rows) < n_records:
        number += 1
        person = _new_person(rng, number)
        copies = rng.choices(_COPIES, weights=_COPY_WEIGHTS)[0]
        for _ in range(min(copies, n_records - len(rows))):
            agency = rng.choice(list(AGENCIES))
            rows.append(_record(rng, person, agency))
            truth.append(person.person_id)
    order = list(range(len(rows)))
    rng.shuffle(order)
    df = pd.DataFrame([rows[i] for i in order], columns=list(_record_columns()))
    # Numbered after shuffling: ids must not reveal which records belong together.
    df["record_id"] = [f"R{k + 1:07d}" for k in range(len(df))]
    df["birth_year"] = df["birth_year"].astype("Int64")
    truth_series = pd.Series([truth[i] for i in order], index=df["record_id"], name="person_id")
    return df, truth_series


# The engine's input columns (docs/linkage.md), in order; the application's frame uses them too.
RECORD_COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "patronymic",
    "birth_date",
    "birth_year",
    "sex",
    "citizenship",
    "identity_number",
    "source",
)


def _record_columns() -> tuple[str, ...]:
    return RECORD_COLUMNS
