"""Budget lines as CSV: an export spreadsheets open safely, an all-or-nothing import."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.csv import csv_text, unescape_cell

from ..models import Budget, BudgetEvent, BudgetLine
from .history import budget_event_record, budget_total
from .lines import require_draft

CSV_COLUMNS = ["category", "organisation", "description", "amount"]
MAX_IMPORT_ROWS = 5000
CENT = Decimal("0.01")
Category = BudgetLine.Category


def budget_line_cells(line: BudgetLine) -> list:
    """One line (its organisation loaded) in CSV_COLUMNS order, as the export writes it and
    the import reads it back."""
    return [line.category, line.organisation.name, line.description, line.amount.quantize(CENT)]


def budget_lines_export_csv(*, lines) -> str:
    """Lines (with their organisation loaded) as CSV; text cells escaped against formulas."""
    return csv_text(CSV_COLUMNS, (budget_line_cells(line) for line in lines))


def _parse_amount(raw: str) -> tuple[Decimal | None, str | None]:
    raw = raw.strip()
    if not raw:
        return None, _("the amount is missing")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None, _(
            "“%(value)s” is not an amount (use digits and a dot for decimals, no "
            "thousands separators)"
        ) % {"value": raw}
    if not amount.is_finite():
        return None, _("“%(value)s” is not an amount") % {"value": raw}
    if amount < 0:
        return None, _("the amount %(value)s is negative; amounts cannot be below zero") % {
            "value": raw
        }
    if amount != amount.quantize(CENT):
        return None, _("the amount %(value)s has more than two decimals") % {"value": raw}
    if amount >= Decimal("1e12"):
        return None, _("the amount %(value)s is too large") % {"value": raw}
    return amount, None


def budget_lines_import_csv(
    *, budget: Budget, user, text: str, file_name: str = "CSV"
) -> tuple[int, list[str]]:
    """Add the CSV's lines to a draft budget: all of them, or none and the reasons why.
    Cells are stored as typed (only our own export's formula escaping is undone)."""
    require_draft(budget)
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        return 0, [
            _("The first row must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(CSV_COLUMNS), "missing": ", ".join(missing)}
        ]
    reader.fieldnames = header
    categories = {c.value: c.value for c in Category}
    categories.update({str(c.label).lower(): c.value for c in Category})
    organisations = {
        m.organisation.name.lower(): m.organisation
        for m in budget.partnership.members.select_related("organisation")
    }
    lines, errors = [], []
    for row_number, row in enumerate(reader, start=2):
        if row_number - 1 > MAX_IMPORT_ROWS:
            errors.append(_("The file has more than %(n)s rows.") % {"n": MAX_IMPORT_ROWS})
            break
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        row = {
            key: unescape_cell(value) if isinstance(value, str) else value
            for key, value in row.items()
        }
        problems = []
        category = categories.get((row.get("category") or "").strip().lower())
        if category is None:
            problems.append(
                _("unknown category “%(value)s” (use one of %(choices)s)")
                % {"value": row.get("category") or "", "choices": ", ".join(Category.values)}
            )
        organisation = organisations.get((row.get("organisation") or "").strip().lower())
        if organisation is None:
            problems.append(
                _("“%(value)s” is not a member of this partnership")
                % {"value": row.get("organisation") or ""}
            )
        description = (row.get("description") or "").strip()
        if not description:
            problems.append(_("the description is missing"))
        elif len(description) > 300:
            problems.append(_("the description is longer than 300 characters"))
        amount, problem = _parse_amount(row.get("amount") or "")
        if problem:
            problems.append(problem)
        if problems:
            errors.append(
                _("Row %(row)s: %(problems)s.")
                % {"row": row_number, "problems": "; ".join(problems)}
            )
        else:
            lines.append(
                BudgetLine(
                    budget=budget,
                    category=category,
                    organisation=organisation,
                    description=description,
                    amount=amount,
                )
            )
    if not errors and not lines:
        errors.append(_("The file has no budget lines."))
    if errors:
        return 0, errors
    with transaction.atomic():
        budget = Budget.objects.select_for_update().get(pk=budget.pk)
        require_draft(budget)
        before = budget_total(budget)
        for line in lines:
            line.save()
        budget_event_record(
            budget=budget,
            kind=BudgetEvent.Kind.IMPORTED,
            actor=user,
            total_before=before,
            summary=_("%(n)s lines imported from %(file)s") % {"n": len(lines), "file": file_name},
        )
    return len(lines), []
