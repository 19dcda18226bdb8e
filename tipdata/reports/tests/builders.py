"""A hand-built ``CountryReport`` for testing the renderers apart from the engine.

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

POLICE = Source("records", "MVD anti-trafficking unit, Almaty", record_count=72, agency="mvd-ala")
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
                72,
                "cases",
                "Police newly investigated 72 trafficking cases in 2020, compared with 45 in 2019.",
                comparisons=[Comparison(2019, 45, "aggregate")],
                sources=[POLICE, TIP_2020],
                drilldown="/cases/criminalcases/?registered_year=2020",
            ),
            figure(
                "convictions",
                11,
                "persons",
                "It convicted 11 traffickers, compared with 8 in 2019, 17 in 2018, 29 in 2017 "
                "and 45 in 2016: the first annual increase in five years.",
                comparisons=[
                    Comparison(2019, 8, "aggregate"),
                    Comparison(2018, 17, "aggregate"),
                    Comparison(2017, 29, "aggregate"),
                    Comparison(2016, 45, "aggregate"),
                ],
                sources=[Source("records", "Almaty city court", record_count=11, agency="court")],
                drilldown="/cases/verdicts/?verdict_year=2020",
            ),
            figure(
                "convictions",
                3,
                "persons",
                disaggregation={"form": "labour"},
                sources=[Source("records", "Almaty city court", record_count=3)],
            ),
        ],
        tables=[
            Table(
                "Convictions by form of exploitation",
                ["Form", "2020"],
                [["Sexual exploitation", 8], ["Forced labour", 3]],
                "convictions",
            )
        ],
        series=[
            Series(
                "convictions",
                "Traffickers convicted",
                "persons",
                [(2016, 45), (2017, 29), (2018, 17), (2019, 8), (2020, 11)],
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
                88,
                "persons",
                "The government identified 88 trafficking victims, compared with 40 in 2019.",
                comparisons=[Comparison(2019, 40, "aggregate")],
                sources=[POLICE],
                drilldown="/victims/victims/?identified_year=2020",
            ),
            figure(
                "shelter_grants_kzt",
                Decimal("69400000"),
                "KZT",
                usd=Decimal("164740"),
                comparisons=[Comparison(2019, Decimal("76200000"), "aggregate")],
                sources=[Source("records", "Akimat grants", record_count=9)],
            ),
        ],
        tables=[
            Table(
                "Victims by region of exploitation",
                ["Регион", "Victims"],
                [["Алматы", 40], ["Шымкент", 31], ["Bahrain (abroad)", 17]],
            )
        ],
        series=[
            Series(
                "victims_identified",
                "Victims identified",
                "persons",
                [(2018, None), (2019, 40), (2020, 88)],
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
                3982,
                "inspections",
                "Labour inspectors conducted 3,982 inspections, compared with 6,681 in 2019.",
                comparisons=[Comparison(2019, 6681, "aggregate")],
                sources=[
                    Source("records", "State labour inspectorate", record_count=3982),
                    Source("aggregate", "MLSP letter", reference="no. 12-3/456"),
                ],
                discrepancy="The MLSP letter no. 12-3/456 gives 3,990 inspections.",
                drilldown="/inspections/labourinspections/?year=2020",
            ),
            figure("fines_kzt", Decimal("174300000"), "KZT", sources=[]),
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
        usd_rate=Decimal("421.27"),
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
