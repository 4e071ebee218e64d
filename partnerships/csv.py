"""CSV that spreadsheets open safely: every app's exports go through here.

A cell starting with = + - @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (OWASP "CSV injection"), so exported text cells get a leading
apostrophe, which spreadsheets show as text. Numbers the app formats itself are written as
they are. Imports store what was typed; `unescape_cell` only undoes our own escaping so that
an export imports back unchanged.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write in a cell: text that a spreadsheet would run is made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo `safe_cell` on a cell read back from one of our exports."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The CSV document for `rows`, every text cell escaped. Pass numbers as int or Decimal
    (not as text) so that a negative amount stays a number."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow(
            [
                ""
                if cell is None
                else cell
                if isinstance(cell, int | float | Decimal)
                else safe_cell(str(cell))
                for cell in row
            ]
        )
    return out.getvalue()
