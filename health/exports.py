"""The portfolio as a table, written as CSV or XLSX with exactly the same cells."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from partnerships.csv import csv_text, safe_cell
from partnerships.health_registry import indicators
from partnerships.health_thresholds import Status

from .portfolio import Portfolio


def portfolio_table(portfolio: Portfolio) -> tuple[list[str], list[list]]:
    specs = indicators()
    header = [_("Partnership"), _("Status"), _("Role"), _("Countries")]
    for spec in specs:
        header += [str(spec.label), _("%(indicator)s: status") % {"indicator": spec.label}]
    rows = []
    for row in portfolio.rows:
        cells = [
            row.partnership.title,
            row.partnership.get_status_display(),
            row.role_label,
            ", ".join(row.countries),
        ]
        readings = {r.indicator.key: r for r in row.readings}
        for spec in specs:
            reading = readings[spec.key]
            cells += [reading.value, str(Status(reading.status).label)]
        rows.append(cells)
    return header, rows


def portfolio_csv(portfolio: Portfolio) -> str:
    return csv_text(*portfolio_table(portfolio))


def portfolio_xlsx(portfolio: Portfolio) -> bytes:
    """Cells as in the CSV: text escaped against formulas (openpyxl would otherwise store a
    text starting with "=" as a formula), numbers as numbers, no data as an empty cell."""
    header, rows = portfolio_table(portfolio)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Portfolio")[:31]
    sheet.append([safe_cell(str(cell)) for cell in header])
    for row in rows:
        sheet.append(
            [
                cell
                if isinstance(cell, int | float | Decimal) or cell is None
                else safe_cell(str(cell))
                for cell in row
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
