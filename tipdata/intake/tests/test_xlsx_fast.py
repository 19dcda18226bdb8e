"""XLSX read by python-calamine (within the memory budget) and by openpyxl streaming (above it)
give the same table: the same rows, cell for cell, numbers, sheet and messages (ADR 0006)."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tipdata.intake import readers
from tipdata.intake.formats import xlsx_fast
from tipdata.intake.readers import TableFormatError, read_table
from tipdata.intake.tests import test_readers
from tipdata.intake.tests.shared_data import shared_file
from tipdata.intake.tests.test_readers import banner_sheet, wrong_dimension_sheet, xlsx

FAST, SLOW = 1 << 30, 0  # budgets that force each path

SHARED_XLSX = [
    ("unodc/glotip-2023-05-30.xlsx", 0),
    ("htcds/htcds-excel-template-2.0.xlsx", 0),
    ("ctdc/ctdc-data-dictionary-2018-08-15.xlsx", 0),
    ("ctdc/ctdc-data-dictionary-2018-08-15.xlsx", 1),
    ("ctdc/ctdc-data-dictionary-2018-08-15.xlsx", 2),
]


def snapshot(source: Path | io.BytesIO, **kwargs: Any) -> Any:
    """Everything a TableReader shows of a file, or the error it raises."""
    if isinstance(source, io.BytesIO):
        source.seek(0)
    try:
        with read_table(source, **kwargs) as table:
            return {
                "sheet": table.sheet,
                "header_row": table.header_row,
                "preamble": table.preamble,
                "headers": table.headers,
                "letters": [table.column_letter(h) for h in table.headers],
                "rows": [(r.number, r.cells, r.unnamed) for r in table],
            }
    except TableFormatError as error:
        return ("error", str(error), error.sheet, error.row)


def raw_rows(path: Path, sheet: str | int | None = None) -> list[Any]:
    """The rows below TableReader: every row number, empty rows and preamble included."""
    with path.open("rb") as binary:
        rows, _title, closers = readers._xlsx_rows(binary, path.name, sheet)
        try:
            return list(rows)
        finally:
            for closer in closers:
                closer.close()


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[Any, bool]]:
    """Read with each path; assert the same result; say whether calamine really read it."""
    used: list[bool] = []
    original = readers.calamine_rows

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        used.append(result is not None)
        return result

    monkeypatch.setattr(readers, "calamine_rows", spy)

    def read(source: Path | io.BytesIO, *, raw: bool = True, **kwargs: Any) -> tuple[Any, bool]:
        results = []
        for budget in (FAST, SLOW):
            monkeypatch.setenv(xlsx_fast.BUDGET_VARIABLE, str(budget))
            used.clear()
            table = snapshot(source, **kwargs)
            if raw and isinstance(source, Path) and not isinstance(table, tuple):
                table["raw"] = raw_rows(source, kwargs.get("sheet"))
            results.append((table, any(used)))
        (fast, fast_used), (slow, slow_used) = results
        assert not slow_used
        assert fast == slow
        return fast, fast_used

    return read


def with_sheet_data(source: Path, target: Path, sheet_data: str, strings: list[str]) -> Path:
    """``source`` with its first sheet's cells and shared strings replaced, as Excel writes."""
    sst = "".join(f"<si>{s}</si>" for s in strings)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<sheetData>.*</sheetData>|<sheetData/>",
                    f"<sheetData>{sheet_data}</sheetData>".encode(),
                    data,
                    flags=re.S,
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            zout.writestr(item, data)
        zout.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
            f'/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
            f"{sst}</sst>",
        )
    return target


def excel_file(tmp_path: Path, name: str, sheet_data: str, strings: list[str]) -> Path:
    """A workbook of these cells (style 1 is a date format) and shared strings."""
    base = xlsx(tmp_path / f"base-{name}", [["x", dt.date(2020, 1, 1)]])
    return with_sheet_data(base, tmp_path / name, sheet_data, strings)


# -- the existing reader tests' XLSX cases, through both paths --------------------------------


def test_cells_are_normalised_alike(tmp_path: Path, both: Any) -> None:
    path = xlsx(
        tmp_path / "cells.xlsx",
        [
            ["  Name ", "Count", "Share", "Paid", "Born", "Seen", "Blank", "At", "Took"],
            [
                "  Айгуль  ",
                42,
                0.25,
                True,
                dt.date(1990, 2, 1),
                dt.datetime(2021, 3, 4, 10, 30),
                "",
                dt.time(10, 30),
                dt.timedelta(hours=30),
            ],
            ["Bob", 7.0, 1e20, False, dt.datetime(2000, 1, 2), None, "   ", dt.time(0, 0, 1)],
            ["Long", 123456789012345, 1.5e-7, None, dt.date(1900, 1, 1), dt.datetime(1900, 3, 1)],
        ],
    )
    table, fast = both(path)
    assert fast
    first, second, third = (cells for _, cells, _ in table["rows"])
    assert first == {
        "Name": "Айгуль",
        "Count": "42",
        "Share": "0.25",
        "Paid": "TRUE",
        "Born": "1990-02-01",
        "Seen": "2021-03-04T10:30:00",
        "Blank": None,
        "At": "10:30:00",
        "Took": "1 day, 6:00:00",
    }
    assert (second["Count"], second["Share"], second["Paid"]) == ("7", "1e+20", "FALSE")
    assert third["Count"] == "123456789012345"


def test_banners_blank_rows_and_required_columns(tmp_path: Path, both: Any) -> None:
    path = banner_sheet(tmp_path)
    table, fast = both(path, required=["region", "YEAR"])
    assert fast and table["header_row"] == 4 and table["letters"] == ["A", "B"]
    assert table["preamble"] == (("Ministry of Labour",), ("Exported 2021-05-01",), ())
    assert [(n, c["Region"]) for n, c, _ in table["rows"]] == [(5, "Almaty"), (7, "Shymkent")]


def test_leading_empty_rows_and_columns_keep_excel_numbers_and_letters(
    tmp_path: Path, both: Any
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C4"], sheet["D4"], sheet["AB4"] = "Name", "Age", "Far"
    sheet["C6"], sheet["D6"], sheet["E6"] = "Dana", 30, "stray"
    sheet["B9"], sheet["AB9"] = "left", "far"
    sheet["A12"].number_format = "0.00"  # a styled empty cell: openpyxl still yields the row
    workbook.save(tmp_path / "offset.xlsx")
    table, fast = both(tmp_path / "offset.xlsx")
    assert fast and table["header_row"] == 4 and table["letters"] == ["C", "D", "AB"]
    assert table["rows"] == [
        (6, {"Name": "Dana", "Age": "30", "Far": None}, {"E": "stray"}),
        (9, {"Name": None, "Age": None, "Far": "far"}, {"B": "left"}),
    ]
    assert [number for number, _ in table["raw"]] == list(range(1, 13))
    with pytest.raises(TableFormatError, match="header row is empty"):
        read_table(tmp_path / "offset.xlsx", header_row=12)


def test_values_under_no_header(tmp_path: Path, both: Any) -> None:
    path = xlsx(tmp_path / "unnamed.xlsx", [[None, "Name"], [1, "Aida", "stray note"]])
    table, fast = both(path)
    assert fast and table["rows"] == [(2, {"Name": "Aida"}, {"A": "1", "C": "stray note"})]


@pytest.mark.parametrize(
    ("rows", "kwargs"),
    [
        ([["Year", "Region", " year "], ["2020", "A", "2021"]], {}),
        ([], {}),
        ([["Year", "Value"], [2020, 1]], {"required": ["Year", "txtVALUE"]}),
        ([["Year"]], {"header_row": 1, "required": ["Region"]}),
        ([["Year"], [2020]], {"header_row": 5}),
        ([[None], ["Year"]], {"header_row": 1}),
    ],
)
def test_table_errors_alike(tmp_path: Path, both: Any, rows: list[Any], kwargs: Any) -> None:
    table, _ = both(xlsx(tmp_path / "bad.xlsx", rows), **kwargs)
    assert table[0] == "error"


@pytest.mark.parametrize("sheet", [None, 0, 1, 2, "victims", " VICTIMS ", "Cases", -1])
def test_sheets_by_name_or_index(tmp_path: Path, both: Any, sheet: Any) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Notes"
    first.append(["Read me"])
    workbook.create_sheet("Victims").append(["Name"])
    workbook["Victims"].append(["Dana"])
    chart = BarChart()
    chart.add_data(Reference(first, min_col=1, min_row=1, max_row=1))
    workbook.create_chartsheet("Chart").add_chart(chart)
    workbook.save(tmp_path / "two.xlsx")
    table, fast = both(tmp_path / "two.xlsx", sheet=sheet)
    if sheet in ("Cases", 2, -1):
        assert table[0] == "error" and "sheets: 'Notes', 'Victims'" in table[1]
    else:
        assert fast and table["sheet"] == ("Notes" if sheet in (None, 0) else "Victims")


def test_formula_without_and_with_cached_values(tmp_path: Path, both: Any) -> None:
    table, fast = both(xlsx(tmp_path / "f.xlsx", [["Name", "Total"], ["Dana", "=1+1"]]))
    assert fast and table["rows"] == [(2, {"Name": "Dana", "Total": None}, {})]
    cells = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f>'
        '<v>ab</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2"><f>A2/3</f>'
        "<v>0.66666666666666663</v></c></row>"
    )
    strings = ["<t>Sum</t>", "<t>Text</t>", "<r><t>Fl</t></r><r><rPr><b/></rPr><t>ag</t></r>"]
    path = excel_file(tmp_path, "cached.xlsx", cells, [*strings, "<t>Share</t>"])
    table, fast = both(path)
    assert fast
    assert table["rows"] == [
        (2, {"Sum": "2", "Text": "ab", "Flag": "TRUE", "Share": "0.6666666666666666"}, {})
    ]


def test_wrong_stored_dimension(tmp_path: Path, both: Any) -> None:
    broken = wrong_dimension_sheet(tmp_path)
    table, fast = both(broken)
    assert fast and len(table["rows"]) == 50 and table["rows"][-1][:2] == (51, {"n": "49"})


def test_file_objects(tmp_path: Path, both: Any) -> None:
    path = xlsx(tmp_path / "obj.xlsx", [["a", "b"], [1, "x"]])
    table, fast = both(io.BytesIO(path.read_bytes()))
    assert fast and table["rows"] == [(2, {"a": "1", "b": "x"}, {})]


def test_not_workbooks_keep_their_messages(tmp_path: Path, both: Any) -> None:
    ods = tmp_path / "sheet.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    assert "OpenDocument" in both(ods)[0][1]
    path = xlsx(tmp_path / "cut.xlsx", [["a"], [1]])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(path.read_bytes()[:-200])
    assert "damaged or unreadable" in both(damaged)[0][1]
    sheetless = tmp_path / "sheetless.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(sheetless, "w") as zout:
        for item in zin.infolist():
            if not item.filename.startswith("xl/worksheets/"):
                zout.writestr(item, zin.read(item.filename))
    assert "no worksheet" in both(sheetless)[0][1]
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert ".xls" in both(xls)[0][1]


# -- dates, times and number formats ------------------------------------------------------------

FORMATS = [
    "General", "0", "0.00", "#,##0", "0%", "0.00E+00", "mm-dd-yy", "d-mmm-yy", "h:mm AM/PM",
    "h:mm:ss", "m/d/yy h:mm", "mm:ss", "[h]:mm:ss", "mmss.0", "yyyy-mm-dd", "dd.mm.yyyy",
    "dd/mm/yyyy hh:mm", '0.00 "days"', "[$-409]mmmm d, yyyy;@", "[Red]0.00", "@", "[h]:mm",
    "hh:mm:ss.000", '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', 'yyyy"年"m"月"d"日"',
    '"Date:" yyyy-mm-dd', "[mm]:ss",
]  # fmt: skip


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_numbers_under_date_and_number_formats(tmp_path: Path, both: Any, epoch: str) -> None:
    chance = random.Random(5)
    values: list[float] = [0, 0.5, 1, 59, 60, 61, 0.1, 0.999999, 44259.43768055556, 2957000]
    values += [chance.uniform(0, 60000) for _ in range(60)]
    values += [chance.random() for _ in range(30)]
    workbook = openpyxl.Workbook()
    if epoch == "1904":
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    assert sheet is not None
    sheet.append([f"f{i}" for i in range(len(FORMATS))])
    for row, value in enumerate(values, start=2):
        for column, number_format in enumerate(FORMATS, start=1):
            cell = sheet.cell(row, column, value)
            cell.number_format = number_format
    sheet.append([dt.date(2021, 3, 4), dt.datetime(2021, 3, 4, 5, 6, 7), dt.time(23, 59, 59)])
    workbook.save(tmp_path / "formats.xlsx")
    table, fast = both(tmp_path / "formats.xlsx")
    assert fast and len(table["rows"]) == len(values) + 1
    assert list(table["rows"][-1][1].values())[:3] == [
        "2021-03-04",
        "2021-03-04T05:06:07",
        "23:59:59",
    ]


# -- what calamine reads otherwise goes to openpyxl ---------------------------------------------


PHONETIC = '<rPh sb="0" eb="2"><t>トウ</t></rPh>'


@pytest.mark.parametrize(
    ("cells", "strings", "expected"),
    [
        ('<c r="B2" t="e"><v>#N/A</v></c>', [], "#N/A"),
        ('<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', [], "#DIV/0!"),
        ('<c r="B2"><v>1234567890123456</v></c>', [], "1234567890123456"),
        ('<c r="B2" s="1"><v>-1</v></c>', [], "1899-12-29"),
        ('<c r="B2" s="1"><v>3000000</v></c>', [], "#VALUE!"),
        ('<c r="B2" t="d"><v>2021-03-04T00:00:00</v></c>', [], "2021-03-04"),
        ('<c r="B2" t="s"><v>1</v></c>', ["<t>a_x000D_b</t>"], "a_x000D_b"),
        ('<c r="B2" t="inlineStr"><is><t>a_x000D_b</t></is></c>', [], "a_x000D_b"),
        ('<c r="B2" t="s"><v>1</v></c>', [f"<t>東京</t>{PHONETIC}"], "東京"),
        ('<c t="inlineStr"><is><t>placed</t></is></c>', [], "placed"),
    ],
)  # fmt: skip
def test_cells_calamine_reads_otherwise_are_left_to_openpyxl(
    tmp_path: Path, both: Any, cells: str, strings: list[str], expected: str | None
) -> None:
    sheet_data = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Value</t></is>'
        f'</c></row><row r="2"><c r="A2"><v>1</v></c>{cells}</row>'
    )
    path = excel_file(tmp_path, "odd.xlsx", sheet_data, ["<t>Id</t>", *strings])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of the date past 9999
        table, fast = both(path)
    assert not fast
    assert table["rows"][0][1]["Value"] == expected


def test_negative_numbers_outside_date_cells_stay_fast(tmp_path: Path, both: Any) -> None:
    path = xlsx(tmp_path / "neg.xlsx", [["n", "when"], [-99, dt.date(2020, 1, 1)], [-1.5, None]])
    table, fast = both(path)
    assert fast and [cells["n"] for _, cells, _ in table["rows"]] == ["-99", "-1.5"]


def string_rows(count: int) -> str:
    """Rows whose one cell (column A) is the first shared string."""
    return "".join(
        f'<row r="{i}"><c r="A{i}" t="s"><v>0</v></c></row>' for i in range(1, count + 1)
    )


def fast_path_taken(path: Path) -> bool:
    """Whether calamine reads the file's first sheet under the default budget."""
    with path.open("rb") as binary:
        result = xlsx_fast.calamine_rows(binary, lambda titles: titles[0], readers.normalise_cell)
    if result is None:
        return False
    for closer in result[2]:
        closer.close()
    return True


def test_sheets_too_big_for_calamine_memory_are_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(xlsx_fast.BUDGET_VARIABLE, raising=False)
    # two far-apart cells: a tiny file, but calamine's grid would be 1,000,000 x 100 cells
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"], sheet["B2"] = "a", "b"
    workbook.save(tmp_path / "near.xlsx")
    sheet["CV1000000"] = "z"
    workbook.save(tmp_path / "far.xlsx")
    assert fast_path_taken(tmp_path / "near.xlsx")
    assert not fast_path_taken(tmp_path / "far.xlsx")
    # one long shared string copied into every cell: 80 MB in calamine from a 50 KB file
    long_string = ["<t>" + "y" * 10_000 + "</t>"]
    path = excel_file(tmp_path, "copies.xlsx", string_rows(8000), long_string)
    assert not fast_path_taken(path)
    assert fast_path_taken(excel_file(tmp_path, "few.xlsx", string_rows(80), long_string))
    table = snapshot(path)
    assert len(table["rows"]) == 7999 and table["rows"][-1][0] == 8000


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(xlsx_fast.BUDGET_VARIABLE, raising=False)
    assert xlsx_fast.max_bytes() == xlsx_fast.DEFAULT_MAX_BYTES == 64 << 20
    for text, expected in [
        ("1000", 1000),
        ("0", 0),
        ("-5", 0),
        ("lots", 64 << 20),
        (" ", 64 << 20),
    ]:
        monkeypatch.setenv(xlsx_fast.BUDGET_VARIABLE, text)
        assert xlsx_fast.max_bytes() == expected


def test_a_sheet_over_the_budget_is_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx(tmp_path / "rows.xlsx", [["n"], *[[i] for i in range(2000)]])
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    for budget, expected in [(size, True), (size - 1, False)]:
        monkeypatch.setenv(xlsx_fast.BUDGET_VARIABLE, str(budget))
        with path.open("rb") as binary:
            result = xlsx_fast.calamine_rows(
                binary, lambda titles: titles[0], readers.normalise_cell
            )
            assert (result is not None) is expected
            if result is not None:
                result[2][0].close()


@pytest.mark.slow
def test_large_workbook_above_the_budget_streams(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(xlsx_fast.BUDGET_VARIABLE, "0")
    test_readers.test_large_workbook_streams_in_bounded_memory(tmp_path)


# -- the real files -----------------------------------------------------------------------------


@pytest.mark.parametrize(("relative", "sheet"), SHARED_XLSX)
def test_real_files_read_alike(both: Any, relative: str, sheet: int) -> None:
    table, fast = both(shared_file(relative), sheet=sheet)
    assert fast and table  # the same rows, or the same error, from both paths
