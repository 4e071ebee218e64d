"""Tables written as CSV or XLSX with exactly the same cells: an export defines its rows once.

A `Table` is a title, a header and rows of plain values. Text is escaped against formulas by
`partnerships.csv.safe_cell` in both formats (openpyxl would otherwise store a text starting
with "=" as a formula) and loses the control characters a spreadsheet cannot hold (a pasted
vertical tab would otherwise make the XLSX fail); numbers stay numbers; a date is ISO text in
the CSV and a date cell in the XLSX; None is an empty cell.

Several tables make one export: the XLSX gets one sheet per table, the CSV one section per
table (its title on a line of its own, then the header and rows, then an empty line).
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .csv import csv_text, safe_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Table:
    title: str
    header: Sequence
    rows: list[list] = field(default_factory=list)


def yes_no(value) -> str:
    return _("Yes") if value else _("No")


def day(moment: datetime.datetime | datetime.date | None) -> datetime.date | None:
    """The date a moment fell on, in the reader's time zone (as the pages show it)."""
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


def _kept(value) -> bool:
    """Numbers, dates and empty cells are written as they are; everything else is text."""
    return (
        value is None
        or isinstance(value, int | float | Decimal)
        or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime))
    )


def plain(value):
    """The cell's value in both formats, before formula escaping."""
    return value if _kept(value) else ILLEGAL_CHARACTERS_RE.sub("", str(value))


def xlsx_cell(value):
    """What goes into a spreadsheet cell: the same value the CSV holds."""
    value = plain(value)
    return value if _kept(value) else safe_cell(value)


def table_csv(table: Table) -> str:
    return csv_text(
        [plain(cell) for cell in table.header],
        ([plain(cell) for cell in row] for row in table.rows),
    )


def tables_csv(tables: Iterable[Table]) -> str:
    return "\r\n".join(csv_text([plain(table.title)], []) + table_csv(table) for table in tables)


def sheet_title(title: str, taken: set[str]) -> str:
    """A title Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:SHEET_TITLE_MAX] or "Sheet"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def tables_xlsx(tables: Iterable[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.title, taken))
        sheet.append([safe_cell(str(plain(cell))) for cell in table.header])
        for row in table.rows:
            sheet.append([xlsx_cell(cell) for cell in row])
    if not book.worksheets:
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
