# ruff: noqa: RUF001 -- Cyrillic letters are the data here
"""Synthetic names for the demo: Kazakh, Russian and Uzbek, in Cyrillic and in Latin.

The name lists are the linkage app's (``linkage.population``), so the demo's people look like
the population record linkage is measured on. A police record writes a name in Cyrillic; an
NGO or an embassy often writes it in Latin letters, as a passport does: the same person, two
spellings, which linkage resolves to one ``Person``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from anyascii import anyascii

from tipdata.linkage.population import FAMILY, GIVEN

GROUP_OF_CITIZENSHIP = {"KZ": ("kz", "ru"), "UZ": ("uz",), "CN": ("kz",), "RU": ("ru",)}
VOWELS = "аеёиоуыэюяўәөұүі"


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    patronymic: str = ""

    def latin(self) -> Name:
        """The passport-style Latin spelling ("Әлия Ахметова" -> "Aliya Akhmetova")."""
        return Name(
            anyascii(self.given).replace("'", ""),
            anyascii(self.family).replace("'", ""),
            anyascii(self.patronymic).replace("'", ""),
        )


def family_form(root: str, group: str, sex: str) -> str:
    """Akhmet -> Akhmetov / Akhmetova; Russian entries are already male surnames."""
    if group != "ru":
        root = (
            root[:-1] + "ев"
            if root.endswith("й")
            else root + ("ев" if root[-1] in VOWELS else "ов")
        )
    if sex == "female" and root.endswith(("ов", "ев", "ёв", "ин")):
        return root + "а"
    if sex == "female" and root.endswith("ий"):
        return root[:-2] + "ая"
    return root


def make_name(rng: random.Random, citizenship: str, sex: str) -> Name:
    """A plausible name for a person of ``citizenship`` and ``sex`` ("unknown" -> either)."""
    group = rng.choice(GROUP_OF_CITIZENSHIP.get(citizenship, ("kz",)))
    if sex not in ("female", "male"):
        sex = rng.choice(("female", "male"))
    given = rng.choice(GIVEN[(group, sex)])
    family = family_form(rng.choice(FAMILY[group]), group, sex)
    father = rng.choice(GIVEN[(group, "male")])
    suffix = "қызы" if sex == "female" else "ұлы"
    patronymic = f"{father}{suffix}" if group == "kz" else ""
    return Name(given, family, patronymic)
