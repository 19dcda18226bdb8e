"""The streaming table reader on real XLSX and CSV files built in each test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tipdata.intake.readers import Row, TableFormatError, column_letter, read_table

CYRILLIC = "Алматы, Казахстан"  # Windows-1251 has no Kazakh letters (Қ, ә, ң...)
KAZAKH = "Қарағанды облысы"


def xlsx(path: Path, rows: list[list[object]], *, sheet: str = "Data") -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


def banner_sheet(tmp_path: Path) -> Path:
    """A ministry's export: banner rows, a blank row, the header in row 4, a blank data row."""
    return xlsx(
        tmp_path / "banner.xlsx",
        [
            ["Ministry of Labour"],
            ["Exported 2021-05-01"],
            [],
            ["Year", "Region"],
            ["2019", "Almaty"],
            [None, None],
            ["2020", "Shymkent"],
        ],
    )


def wrong_dimension_sheet(tmp_path: Path) -> Path:
    """51 rows whose sheet claims to be one cell big (some writers store a wrong size)."""
    source = xlsx(tmp_path / "dim.xlsx", [["n"], *[[i] for i in range(50)]])
    broken = tmp_path / "dim-broken.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', data)
            zout.writestr(item, data)
    return broken


def rows_of(path: Path | io.BytesIO, **kwargs: object) -> list[Row]:
    with read_table(path, **kwargs) as table:  # type: ignore[arg-type]
        return list(table)


def test_xlsx_cells_are_normalised_to_text(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "cells.xlsx",
        [
            ["  Name ", "Count", "Share", "Paid", "Born", "Seen", "Blank"],
            [
                "  Айгуль  ",
                42,
                0.25,
                True,
                dt.date(1990, 2, 1),
                dt.datetime(2021, 3, 4, 10, 30),
                "",
            ],
            ["Bob", 7.0, 1e20, False, dt.datetime(2000, 1, 2), None, "   "],
        ],
    )
    first, second = rows_of(path)
    assert first.cells == {
        "Name": "Айгуль",
        "Count": "42",
        "Share": "0.25",
        "Paid": "TRUE",
        "Born": "1990-02-01",
        "Seen": "2021-03-04T10:30:00",
        "Blank": None,
    }
    assert second.cells["Count"] == "7"
    assert second.cells["Share"] == "1e+20"
    assert second.cells["Paid"] == "FALSE"
    assert second.cells["Born"] == "2000-01-02"
    assert second.cells["Seen"] is None and second.cells["Blank"] is None
    assert (first.number, second.number) == (2, 3)


def test_row_numbers_match_excel_across_blank_rows_and_banners(tmp_path: Path) -> None:
    path = banner_sheet(tmp_path)
    with read_table(path, required=["region", "YEAR"]) as table:
        assert table.header_row == 4
        assert table.preamble[0][0] == "Ministry of Labour"
        assert table.column_letter("Region") == "B"
        rows = list(table)
    assert [(r.number, r.cells["Region"]) for r in rows] == [(5, "Almaty"), (7, "Shymkent")]


def test_values_under_no_header_are_kept_by_column_letter(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "unnamed.xlsx", [[None, "Name"], [1, "Aida", "stray note"]])
    (row,) = rows_of(path)
    assert row.cells == {"Name": "Aida"}
    assert row.unnamed == {"A": "1", "C": "stray note"}


def test_duplicate_column_names_are_refused_naming_both_columns(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "dup.xlsx", [["Year", "Region", " year "], ["2020", "A", "2021"]])
    with pytest.raises(TableFormatError) as caught:
        read_table(path)
    message = str(caught.value)
    assert "dup.xlsx" in message and "row 1" in message
    assert "columns A and C" in message and "'year'" in message


def test_empty_sheet_and_missing_columns_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(TableFormatError, match="no header row"):
        read_table(xlsx(tmp_path / "empty.xlsx", []))
    with pytest.raises(TableFormatError, match="no header row with the columns Year, txtVALUE"):
        read_table(
            xlsx(tmp_path / "other.xlsx", [["Year", "Value"], [2020, 1]]),
            required=["Year", "txtVALUE"],
        )
    with pytest.raises(TableFormatError, match="missing column"):
        read_table(xlsx(tmp_path / "h.xlsx", [["Year"]]), header_row=1, required=["Region"])


def test_sheets_by_name_or_index_and_unknown_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Notes"
    first.append(["Read me"])
    workbook.create_sheet("Victims").append(["Name"])
    workbook["Victims"].append(["Dana"])
    workbook.save(tmp_path / "two.xlsx")
    assert rows_of(tmp_path / "two.xlsx", sheet="victims")[0].cells == {"Name": "Dana"}
    assert rows_of(tmp_path / "two.xlsx", sheet=1)[0].cells == {"Name": "Dana"}
    with pytest.raises(TableFormatError, match="no sheet 'Cases'; sheets: 'Notes', 'Victims'"):
        read_table(tmp_path / "two.xlsx", sheet="Cases")


def test_formula_text_is_never_returned_as_a_value(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "f.xlsx", [["Name", "Total"], ["Dana", "=1+1"]])
    (row,) = rows_of(path)
    # openpyxl stores no computed value, so the cell reads empty; Excel files carry the value.
    assert row.cells == {"Name": "Dana", "Total": None}


def test_wrong_stored_dimension_does_not_cut_rows(tmp_path: Path) -> None:
    broken = wrong_dimension_sheet(tmp_path)
    rows = rows_of(broken)
    assert len(rows) == 50 and rows[-1].number == 51 and rows[-1].cells["n"] == "49"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1251", ";"), ("cp1251", ","), ("utf-16", "\t")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "data.csv"
    place = CYRILLIC if encoding == "cp1251" else KAZAKH
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(["Имя", "Город", "Amount"])
        writer.writerow(["Айгуль", place, "1,5"])
        writer.writerow(["  Dana ", "", "2"])
    first, second = rows_of(path)
    assert first.cells == {"Имя": "Айгуль", "Город": place, "Amount": "1,5"}
    assert second.cells == {"Имя": "Dana", "Город": None, "Amount": "2"}
    assert second.number == 3


def test_csv_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('Name,Note\r\nA,"line one\nline two"\r\n\r\nB,x\r\n', encoding="utf-8")
    rows = rows_of(path)
    assert [(r.number, r.cells["Name"]) for r in rows] == [(2, "A"), (4, "B")]
    assert rows[0].cells["Note"] == "line one\nline two"


def test_cp1251_far_into_the_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    ascii_rows = "".join(f"{i};plain\r\n" for i in range(150_000))  # > 1 MiB before the Cyrillic
    path.write_bytes(("id;name\r\n" + ascii_rows + "9;" + CYRILLIC + "\r\n").encode("cp1251"))
    with read_table(path) as table:
        *_, last = table
    assert last.cells == {"id": "9", "name": CYRILLIC}


def test_file_objects_including_unseekable_streams(tmp_path: Path) -> None:
    data = b"a,b\r\n1,2\r\n"
    assert rows_of(io.BytesIO(data))[0].cells == {"a": "1", "b": "2"}

    class Stream(io.RawIOBase):
        def __init__(self) -> None:
            self._inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            chunk = self._inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    stream = io.BufferedReader(Stream())
    assert not stream.seekable()
    assert rows_of(stream)[0].cells == {"a": "1", "b": "2"}  # type: ignore[arg-type]
    given = io.BytesIO(data)
    rows_of(given)
    assert not given.closed  # the caller's file stays theirs to close


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            r"\.xls\).*save it as an Excel Workbook",
        ),
        (b"\x00\x01\x02binary" * 10, "not a spreadsheet or a CSV"),
        (b"\x98\x98abc", "neither UTF-8 nor Windows-1251"),
    ],
)
def test_unreadable_files_name_file_and_problem(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "upload.dat"
    path.write_bytes(content)
    with pytest.raises(TableFormatError, match=expected) as caught:
        read_table(path)
    assert caught.value.source == "upload.dat"


def test_other_zip_files_and_missing_files(tmp_path: Path) -> None:
    ods = tmp_path / "sheet.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(TableFormatError, match="OpenDocument"):
        read_table(ods)
    with pytest.raises(TableFormatError, match=r"'nowhere\.csv': cannot be opened"):
        read_table(tmp_path / "nowhere.csv")


def test_a_reader_is_single_pass(tmp_path: Path) -> None:
    path = tmp_path / "once.csv"
    path.write_text("a\n1\n", encoding="utf-8")
    table = read_table(path)
    assert len(list(table)) == 1
    with pytest.raises(RuntimeError, match="only once"):
        iter(table)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (1, 26, 27, 38)] == ["A", "Z", "AA", "AL"]


def _write_large(path: Path, count: int) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Victims")
    sheet.append(["id", "name", "region", "amount", "registered"])
    for i in range(count):
        sheet.append(
            [i, f"Person {i}", "Almaty", i * 1.5, dt.date(2020, 1, 1) + dt.timedelta(i % 365)]
        )
    workbook.save(path)


def _peak_while_reading(path: Path) -> tuple[int, Row | None, Row | None, int]:
    tracemalloc.start()
    try:
        count, first, last = 0, None, None
        with read_table(path) as table:
            for row in table:
                count += 1
                first = first or row
                last = row
        return count, first, last, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_large_workbook_streams_in_bounded_memory(tmp_path: Path) -> None:
    small, large = tmp_path / "small.xlsx", tmp_path / "large.xlsx"
    _write_large(small, 2_000)
    _write_large(large, 20_000)
    small_count, _, _, small_peak = _peak_while_reading(small)
    count, first, last, large_peak = _peak_while_reading(large)
    assert (small_count, count) == (2_000, 20_000)
    assert first is not None and first.number == 2 and first.cells["name"] == "Person 0"
    assert last is not None and last.number == 20_001
    assert last.cells == {
        "id": "19999",
        "name": "Person 19999",
        "region": "Almaty",
        "amount": "29998.5",
        "registered": (dt.date(2020, 1, 1) + dt.timedelta(19_999 % 365)).isoformat(),
    }
    # Ten times the rows must not cost anywhere near ten times the memory (loading the whole
    # workbook does: about 10x, measured), so the reader really streams.
    assert large_peak < 5 * small_peak


def test_readers_and_formats_do_not_import_django() -> None:
    code = (
        "import sys, tipdata.intake.readers, tipdata.intake.formats.glotip, "
        "tipdata.intake.formats.ctdc, tipdata.intake.formats.htcds; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework')))"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
