"""The portfolio and each dimension's records as tables, written as CSV or XLSX with exactly
the same cells (partnerships.spreadsheets)."""

import datetime

from django.utils.translation import gettext as _

from partnerships.access import PartnershipAccess
from partnerships.health_registry import indicators, records_for
from partnerships.health_thresholds import Status
from partnerships.spreadsheets import XLSX_CONTENT_TYPE, Table, table_csv, tables_csv, tables_xlsx

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
    return table_csv(Table(_("Portfolio"), *portfolio_table(portfolio)))


def portfolio_xlsx(portfolio: Portfolio) -> bytes:
    """Cells as in the CSV (partnerships.spreadsheets)."""
    return tables_xlsx([Table(_("Portfolio"), *portfolio_table(portfolio))])


FORMATS = {
    "csv": (tables_csv, "text/csv; charset=utf-8"),
    "xlsx": (tables_xlsx, XLSX_CONTENT_TYPE),
}


def records_export(
    dimension: str, access: PartnershipAccess, *, fmt: str, today: datetime.date
) -> tuple[str | bytes, str]:
    """(content, content type) of one dimension's records as `access` may see them."""
    write, content_type = FORMATS[fmt]
    return write(records_for(dimension, access, today=today)), content_type
