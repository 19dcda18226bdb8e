"""The error report of a rejected file, as an XLSX a clerk can work through row by row."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from tipdata.intake.importer import ImportResult


def write_error_report(result: ImportResult, target: str | IO[bytes]) -> None:
    """One line per problem: row, column, the value found and what to do about it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Problems")[:31])
    for letter, width in zip("ABCD", (8, 28, 30, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_("Row"), _("Column"), _("Value"), _("Problem")])
    if result.file_error:
        sheet.append(["", "", "", result.file_error])
    for error in result.errors:
        sheet.append([error.row, error.column, error.value, error.message])
    if result.error_count > len(result.errors):
        sheet.append(
            ["", "", "", _("… and %(n)s more") % {"n": result.error_count - len(result.errors)}]
        )
    workbook.save(target)


__all__ = ["write_error_report"]
