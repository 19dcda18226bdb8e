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

_W = str.split  # name lists are kept as space-separated words to stay readable

GIVEN: dict[tuple[str, str], list[str]] = {
    ("kz", "male"): _W(
        "Нұрлан Ерлан Асқар Бауыржан Дәурен Ерболат Қайрат Серік Мұрат Ғалым Жандос Нұрсұлтан "
        "Әлихан Данияр Арман Ақжол Бекзат Ержан Азамат Еркебұлан Мейірхан Олжас Рүстем Санжар "
        "Ұлан Абай Айдос Әділет Дархан Жасұлан Қанат Марат Нұрбол Самат Талғат Ерасыл Бағдат "
        "Мирас Әлібек Ербол Қуаныш Медет Нұржан Сұлтан Темірлан Айбек Берік Дидар Ілияс Мұхтар "
        "Өмірзақ Сәкен Төлеген Шыңғыс Ақылбек Болат Ғабит Жанболат Мақсат Нариман Сағындық"
    ),
    ("kz", "female"): _W(
        "Әлия Айгерім Гүлнара Жанна Динара Айжан Салтанат Ақмарал Дана Әсем Гүлмира Жұлдыз "
        "Қарлығаш Мөлдір Назерке Нұргүл Перизат Раушан Сәуле Томирис Ұлжан Фатима Шынар Айнұр "
        "Ботагөз Гүлжан Дәмеш Жібек Күләш Ләззат Мадина Мейрамгүл Нәзира Анар Балжан Гауһар "
        "Дариға Еркеш Зарина Индира Камила Лаура Меруерт Нұрай Сымбат Талшын Ұмсынай Хадиша "
        "Шолпан Аружан Ақбота Диляра Жансая Қымбат Мәдина Самал Тоғжан Іңкәр Әйгерім Маржан"
    ),
    ("ru", "male"): _W(
        "Александр Сергей Андрей Дмитрий Алексей Владимир Николай Иван Михаил Евгений Павел "
        "Виктор Юрий Игорь Олег Максим Роман Денис Артём Василий Константин Анатолий Вячеслав "
        "Геннадий Григорий Борис Леонид Валерий Фёдор Степан Антон Илья Никита Кирилл Егор "
        "Вадим Станислав Пётр Аркадий Тимофей"
    ),
    ("ru", "female"): _W(
        "Анна Елена Ольга Наталья Татьяна Ирина Светлана Екатерина Мария Юлия Людмила Галина "
        "Надежда Валентина Оксана Марина Анастасия Дарья Виктория Ксения Алёна Вера Любовь "
        "Лариса Евгения Кристина Полина Алина Валерия Софья Александра Вероника Елизавета Яна "
        "Инна Зоя Нина Тамара Раиса Лидия"
    ),
    ("uz", "male"): _W(
        "Шерзод Фаррух Бахтиёр Дилшод Жамшид Улуғбек Рустам Ботир Азиз Анвар Ғайрат Илҳом "
        "Равшан Санжар Тимур Ўткир Хуршид Аброр Акмал Баҳодир Даврон Жаҳонгир Зафар Икром "
        "Комил Лазиз Муҳаммад Нодир Отабек Пўлат Сардор Тоҳир Умид Фахриддин Шуҳрат Элёр "
        "Юсуф Ёдгор Абдулла Исломбек"
    ),
    ("uz", "female"): _W(
        "Гулноза Дилфуза Нигора Малика Зарина Севара Феруза Шаҳноза Мадина Нодира Дилноза "
        "Гулчеҳра Моҳира Лола Умида Хуршида Барно Зулфия Камола Мунира Озода Саодат Турсуной "
        "Юлдуз Гавҳар Ирода Муаттар Нилуфар Шоира Ҳилола"
    ),
}

# Family names are built from roots: Kazakh and Uzbek roots take -ов/-ев (-ова/-ева),
# Russian entries are complete male forms; Korean names (Ким, Цой) do not change.
FAMILY: dict[str, list[str]] = {
    "kz": _W(
        "Ахмет Нұрлан Серік Қасым Жұмабай Бекмұхамбет Әбдірахман Омар Сейіт Тоқтар Сәрсенбай "
        "Ибрагим Ыскақ Есім Қожахмет Байжан Ермек Кенжебай Мұқан Оспан Жақсыбек Тұрсын "
        "Сұлтанбек Рахым Нұрғали Кәрім Шәріп Дүйсен Әміре Бектұр Асан Үсен Тәжібай Құсайын "
        "Мұса Жақып Әлім Сағынтай Байтұрсын Нұрпейіс Смағұл Жүніс Қалиакбар Өтеген Бейсен "
        "Төлеу Исабек Шәкен Абылай Ғабдулла Мақаш Жанұзақ Ыбырай Әубәкір"
    ),
    "ru": _W(
        "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров "
        "Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов "
        "Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов "
        "Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин "
        "Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков "
        "Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев "
        "Титов Марков Миронов Крылов Куликов Карпов Власов Абрамов Савицкий Ковальский "
        "Шевченко Бондаренко Ким Цой Пак Тен Шмидт Миллер"
    ),
    "uz": _W(
        "Юсуп Карим Раҳим Али Усмон Исмоил Тошмат Эргаш Абдулла Ҳолмат Турсун Нормат Жўра "
        "Қодир Мирза Аҳмед Назар Раҳмон Ҳасан Содиқ Хўжа Баҳром Зокир Саид Умар Шариф Юлдаш "
        "Қосим Мамат Йўлдош Собир Ғаффор Неъмат Раҳимжон"
    ),
}

_RU_BASE = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        # ICAO 9303 as in Kazakh passports
        _W("a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y - e iu ia"),
        strict=True,
    )
)
_RU_BASE["ь"] = ""  # the soft sign is dropped in passports
_KZ_UZ_ICAO = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h"}
_KZ_UZ_ICAO |= {"і": "i", "ў": "u", "ҳ": "h"}
SCHEMES: dict[str, dict[str, str]] = {
    "icao": _RU_BASE | _KZ_UZ_ICAO,
    "english": _RU_BASE
    | _KZ_UZ_ICAO
    | {"й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ъ": "", "қ": "q", "ғ": "gh", "ң": "ng"},
    "kz2021": _RU_BASE
    | {"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "ı"}
    | {"ж": "j", "х": "h", "ш": "ş", "ч": "ç", "щ": "şş", "ё": "io", "ў": "u", "ҳ": "h"},
    "uz": _RU_BASE
    | {"ў": "oʻ", "ғ": "gʻ", "қ": "q", "ҳ": "h", "х": "x", "ж": "j", "й": "y", "ё": "yo"}
    | {"ю": "yu", "я": "ya", "ъ": "ʼ", "ә": "a", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u"}
    | {"і": "i", "һ": "h", "ц": "ts"},
    # Cyrillic without the Kazakh/Uzbek letters, as typed on a Russian keyboard.
    "russified": {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у"}
    | {"һ": "х", "і": "и", "ў": "у", "ҳ": "х"},
}


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


# Compound forefather names (Nur+bek, Zhan+bolat, Abdu+jon): the long tail of Kazakh and Uzbek
# surnames. With them the commonest Kazakh surname is ~2% of the group and two random Kazakh
# women share a surname about once in 400 pairs and a given name once in 55 (given names are
# drawn with a flatter Zipf exponent, 0.3), roughly what name statistics of the region show.
_PARTS: dict[str, tuple[list[str], list[str]]] = {
    "kz": (
        _W(
            "Нұр Ер Жан Бақыт Бек Әлі Қай Сейіт Төле Құл Жақсы Ораз Тұр Әбді Есен Ақ Қоңыр Дос "
            "Нар Мұрат Бай Сәт Жұма Қуан Алтын Күн Бекет Тілеу Шал Еділ Қыдыр Сары Бөкей"
        ),
        _W(
            "бек бай болат жан хан ғали тай қали мұрат сейіт құл ғазы тас жар әлі ұлан кен тұр "
            "мұхамбет ахмет хамит темір"
        ),
    ),
    "uz": (
        _W(
            "Абду Нур Шер Ҳайит Тўра Бахт Мир Исм Ғулом Эш Қўчқор Суюн Раҳмат Жўра Ҳамро Ҳожи "
            "Олим Тўхта Бўри Мўмин Қурбон Эгам Ислом Бобо Содиқ"
        ),
        _W("жон қул бой мурод али назар ёр бек ҳасан умар тош берди"),
    ),
}
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


def _record_columns() -> tuple[str, ...]:
    return (
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
