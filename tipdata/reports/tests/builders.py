"""A hand-built ``CountryReport`` for testing the renderers apart from the engine.

Its figures are invented: the renderers must show whatever they are given, and the real
2020 figures are checked from records against ../shared/reference by the engine's tests.

The renderers must show whatever the engine computes; these reports exercise every part of
the contract: comparisons from records and aggregates, sources, a discrepancy, money with its
USD equivalent, a disaggregation, a gap, tables with Cyrillic text and multi-year series.
"""

from __future__ import annotations

from decimal import Decimal

from tipdata.indicators.types import (
    Comparison,
    CountryReport,
    DataGap,
    Figure,
    Section,
    Series,
    Source,
    Table,
)

POLICE = Source("records", "MVD anti-trafficking unit, Almaty", record_count=64, agency="mvd-ala")
TIP_2020 = Source("aggregate", "TIP report 2020", reference="US State Department, June 2020")


def figure(key: str, value: object, unit: str, sentence: str = "", **extra: object) -> Figure:
    values: dict = {
        "indicator": key.upper(),
        "key": key,
        "year": 2020,
        "value": value,
        "unit": unit,
        "source": "records",
        "sentence": sentence,
    }
    values.update(extra)
    return Figure(**values)


def prosecution() -> Section:
    return Section(
        key="prosecution",
        title="Prosecution",
        figures=[
            figure(
                "investigations_new",
                64,
                "cases",
                "Police newly investigated 64 trafficking cases in 2020, compared with 38 in 2019.",
                comparisons=[Comparison(2019, 38, "aggregate")],
                sources=[POLICE, TIP_2020],
                drilldown="/cases/criminalcases/?registered_year=2020",
            ),
            figure(
                "convictions",
                14,
                "persons",
                "It convicted 14 traffickers, compared with 9 in 2019, 16 in 2018, 23 in 2017 "
                "and 31 in 2016: the first annual increase in five years.",
                comparisons=[
                    Comparison(2019, 9, "aggregate"),
                    Comparison(2018, 16, "aggregate"),
                    Comparison(2017, 23, "aggregate"),
                    Comparison(2016, 31, "aggregate"),
                ],
                sources=[Source("records", "Almaty city court", record_count=14, agency="court")],
                drilldown="/cases/verdicts/?verdict_year=2020",
            ),
            figure(
                "convictions",
                4,
                "persons",
                disaggregation={"form": "labour"},
                sources=[Source("records", "Almaty city court", record_count=4)],
            ),
        ],
        tables=[
            Table(
                "Convictions by form of exploitation",
                ["Form", "2020"],
                [["Sexual exploitation", 10], ["Forced labour", 4]],
                "convictions",
            )
        ],
        series=[
            Series(
                "convictions",
                "Traffickers convicted",
                "persons",
                [(2016, 31), (2017, 23), (2018, 16), (2019, 9), (2020, 14)],
            )
        ],
    )


def protection() -> Section:
    return Section(
        key="protection",
        title="Protection",
        figures=[
            figure(
                "victims_identified",
                93,
                "persons",
                "The government identified 93 trafficking victims, compared with 52 in 2019.",
                comparisons=[Comparison(2019, 52, "aggregate")],
                sources=[POLICE],
                drilldown="/victims/victims/?identified_year=2020",
            ),
            figure(
                "shelter_grants_kzt",
                Decimal("58200000"),
                "KZT",
                usd=Decimal("135349"),
                comparisons=[Comparison(2019, Decimal("61500000"), "aggregate")],
                sources=[Source("records", "Akimat grants", record_count=9)],
            ),
        ],
        tables=[
            Table(
                "Victims by region of exploitation",
                ["Регион", "Victims"],
                [["Алматы", 44], ["Шымкент", 33], ["Bahrain (abroad)", 16]],
            )
        ],
        series=[
            Series(
                "victims_identified",
                "Victims identified",
                "persons",
                [(2018, None), (2019, 52), (2020, 93)],
            )
        ],
    )


def prevention() -> Section:
    return Section(
        key="prevention",
        title="Prevention",
        figures=[
            figure(
                "labor_inspections",
                4215,
                "inspections",
                "Labour inspectors conducted 4,215 inspections, compared with 5,870 in 2019.",
                comparisons=[Comparison(2019, 5870, "aggregate")],
                sources=[
                    Source("records", "State labour inspectorate", record_count=4215),
                    Source("aggregate", "MLSP letter", reference="no. 12-3/456"),
                ],
                discrepancy="The MLSP letter no. 12-3/456 gives 4,230 inspections.",
                drilldown="/inspections/labourinspections/?year=2020",
            ),
            figure("fines_kzt", Decimal("96500000"), "KZT", sources=[]),
        ],
    )


def lineage() -> Section:
    return Section(
        key="lineage",
        title="What the records now answer",
        figures=[
            figure(
                "hotline_calls_to_investigation",
                0,
                "calls",
                "No hotline call led to a trafficking investigation in 2020.",
                comparisons=[Comparison(2019, 2, "aggregate")],
                drilldown="/hotline/hotlinecalls/?led_to_case=1",
            ),
            figure("ngo_victims_identified", None, "persons", source="gap", drilldown="/nowhere/"),
        ],
    )


def sample_report() -> CountryReport:
    return CountryReport(
        year=2020,
        country="KZ",
        profile="Kazakhstan",
        currency="KZT",
        usd_rate=Decimal("430"),
        generated_at="2021-03-01T09:00:00+06:00",
        sections=[prosecution(), protection(), prevention(), lineage()],
        gaps=[
            DataGap(
                "PROT_NGO_VICTIMS",
                "Victims identified by NGOs",
                "NGO or shelter",
                "No NGO recorded an identification in 2020.",
            ),
            DataGap("PROT_LEGAL_AID", "Legal aid given to victims", "Ministry of Justice"),
        ],
    )
