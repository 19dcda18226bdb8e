"""XLSX templates, generated from the record types' forms in the clerk's language.

Nothing here lists fields: the columns come from ``columns.columns_for``, so a template always
matches what the importer accepts. Row 1 holds the field names (what the importer reads, the
same in every language), row 2 the labels with the help text as a cell comment; drop-down lists
offer the code lists (choices, regions, countries, penal articles, agencies), kept on a hidden
sheet because Excel limits an inline list to 255 characters.
"""

from __future__ import annotations

from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from tipdata.intake.columns import Column, columns_for
from tipdata.intake.kinds import ImportKind

LISTS_SHEET = "lists"
ROWS_VALIDATED = 100_002  # the drop-downs reach as far as a large upload goes
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
REQUIRED_FILL = PatternFill("solid", fgColor="F6D5C8")


def write_template(kind: ImportKind, target: str | IO[bytes], *, language: str = "en") -> None:
    """Write the template of ``kind`` in ``language`` to a path or binary file."""
    with translation.override(language):
        workbook = Workbook()
        data = workbook.active
        assert data is not None
        data.title = kind.slug
        columns = columns_for(kind)
        lists = workbook.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        _header(data, columns)
        _dropdowns(data, lists, columns)
        _instructions(workbook.create_sheet(_("Instructions")[:31]), kind, columns)
        workbook.save(target)


def _header(sheet: Any, columns: list[Column]) -> None:
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        name = sheet.cell(row=1, column=index, value=column.name)
        name.font, name.fill = bold, HEADER_FILL
        label = sheet.cell(row=2, column=index, value=str(column.label).capitalize())
        label.font = bold
        label.fill = REQUIRED_FILL if column.required else HEADER_FILL
        label.alignment = Alignment(wrap_text=True, vertical="top")
        label.comment = Comment(_help_text(column), "tipdata", width=320, height=160)
        sheet.column_dimensions[get_column_letter(index)].width = max(
            14, min(40, len(str(column.label)) + 4)
        )
    sheet.freeze_panes = "A3"


def _help_text(column: Column) -> str:
    parts = [str(column.help), column.hint()]
    parts.append(_("Required.") if column.required else _("Optional."))
    return "\n".join(p for p in parts if p)


def _dropdowns(sheet: Any, lists: Any, columns: list[Column]) -> None:
    list_index = 0
    for index, column in enumerate(columns, start=1):
        options = column.options()
        if not options:
            continue
        list_index += 1
        letter = get_column_letter(list_index)
        for row, option in enumerate(options, start=1):
            lists.cell(row=row, column=list_index, value=option)
        source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"
        # Several values (";"-separated) cannot be picked from a list: warn, do not refuse.
        several = column.kind in ("multi", "refs")
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="information" if several else "stop",
            errorTitle=str(column.label)[:32],
            error=_("Choose a value from the list.")[:255],
        )
        target = get_column_letter(index)
        validation.add(f"{target}3:{target}{ROWS_VALIDATED}")
        sheet.add_data_validation(validation)


def _instructions(sheet: Any, kind: ImportKind, columns: list[Column]) -> None:
    lines = [
        _("Template of records: %(record)s") % {"record": kind.title},
        "",
        _("1. Enter one record per row, from row 3 on. Do not change rows 1 and 2."),
        _("2. Row 1 holds the field names tipdata reads; row 2 their meaning (hover for help)."),
        _("3. Red headers are required. Pick coded values from the drop-down lists."),
        _("4. Dates: 2024-03-31 or 31.03.2024. Several values in one cell: separate them by ;"),
        _(
            "5. Give every record your organisation's own reference: importing the file again "
            "updates those records instead of adding copies."
        ),
        _(
            "6. The file is checked whole before anything is saved: if any row has an error, "
            "nothing is saved and you get a list of the rows and columns to correct."
        ),
        _("7. You may also save the sheet as CSV (UTF-8 or Windows-1251) and upload that."),
        "",
        _("Columns"),
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Field"), _("Meaning"), _("Required"), _("How to fill in")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in columns:
        sheet.append(
            [
                column.name,
                str(column.label).capitalize(),
                _("yes") if column.required else _("no"),
                " ".join(p for p in (str(column.help), column.hint()) if p),
            ]
        )
    for letter, width in zip("ABCD", (28, 40, 10, 80), strict=True):
        sheet.column_dimensions[letter].width = width
