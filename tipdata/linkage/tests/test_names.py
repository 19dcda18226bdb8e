# ruff: noqa: RUF001, RUF003 -- Cyrillic and Uzbek Latin letters are the data here
"""Names written by different agencies in Cyrillic and Latin must normalise to one form."""

from __future__ import annotations

import pytest

from tipdata.linkage import names


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Әлия", "Aliya"),
        ("Жанна", "Zhanna"),
        ("Жанна", "Janna"),  # Kazakh Latin 2021 writes ж as j
        ("Шерзод", "Sherzod"),
        ("Қайрат", "Kairat"),
        ("Қайрат", "Qayrat"),
        ("Ғалым", "Galym"),
        ("Ерлан", "Yerlan"),
        ("Дмитрий", "Dmitriy"),
        ("Ўткир", "O'tkir"),  # Uzbek Latin o' for ў
        ("Ўткир", "Oʻtkir"),
        ("Хуршид", "Xurshid"),  # Uzbek Latin x for х
        ("Хуршид", "Khurshid"),
        ("Джамиля", "Djamilya"),
    ],
)
def test_given_names_in_both_scripts_normalise_alike(cyrillic: str, latin: str) -> None:
    assert names.normalise(cyrillic) == names.normalise(latin)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Нұрланқызы", "Nurlankyzy"),
        ("Нұрланқызы", "Nurlanqyzy"),
        ("Нұрланқызы", "Нурлановна"),  # Kazakh and Soviet style for the same father
        ("Нурланұлы", "Nurlanovich"),
        ("Ахметова", "Akhmetova"),
        ("Ахметова", "Akhmetov"),
        ("Юсупов", "Yusupov"),
        ("Сергеевна", "Sergeyevna"),
        ("Акмал ўғли", "Akmal o'g'li"),
        ("Акмал ўғли", "Akmalovich"),
        ("Савицкая", "Savitskii"),
    ],
)
def test_family_names_and_patronymics_share_a_stem(a: str, b: str) -> None:
    assert names.stem(a) == names.stem(b)
    assert names.stem(a)  # never stripped to nothing


def test_short_names_are_not_stripped_to_nothing() -> None:
    assert names.stem("Ина") == "ina"
    assert names.stem("Ov") == "ov"


def test_given_names_are_never_stemmed() -> None:
    assert names.normalise("Aleksandr") != names.normalise("Aleksandra")
    assert names.normalise("Марина") == "marina"


def test_full_names_from_the_issue() -> None:
    assert names.same_person_name("Әлия", "Нұрланқызы", "Aliya", "Nurlankyzy")
    assert names.same_person_name("Жанна", "Ахметова", "Zhanna", "Akhmetova")
    assert names.same_person_name("Шерзод", "Юсупов", "Sherzod", "Yusupov")
    assert names.same_person_name("Gulnara", "Iskakova", "Iskakova", "Gulnara")
    assert not names.same_person_name("Gulnara", "Iskakova", "Aigerim", "Iskakova")
    assert not names.same_person_name("Жанна", "Ахметова", "Жанна", "Омарова")


def test_name_key_ignores_order() -> None:
    assert names.name_key("Gulnara", "Iskakova") == names.name_key("Искакова", "Гульнара")


def test_similarity_tolerates_a_typo_but_not_another_name() -> None:
    assert names.similarity("Гулнара", "Gulnarra") == 1.0  # doubled letters collapse
    assert names.similarity("Айгерим", "Aigreim") > 0.9
    assert names.similarity("Айгерим", "Динара") < 0.7
    assert names.similarity(None, "Динара") == 0.0


def test_transliterate_drops_punctuation_and_case() -> None:
    assert names.transliterate("  Ким-Цой ") == "kim tsoy"
    assert names.transliterate("Эль'вира") == "elvira"
    assert names.transliterate("") == ""
