import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets.models import Budget, BudgetEvent, BudgetLine
from budgets.services.csv_lines import budget_lines_import_csv
from partnerships.csv import FORMULA_STARTS, safe_cell, unescape_cell
from tests.factories import BudgetFactory, BudgetLineFactory

from .helpers import make_budget

pytestmark = pytest.mark.django_db


def _import(budget, text, user):
    return budget_lines_import_csv(budget=budget, user=user, text=text)


def _file(text, name="lines.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _draft(world):
    return BudgetFactory(
        partnership=world.partnership, title="Draft", currency="KES", status=Budget.Status.DRAFT
    )


def test_a_good_file_imports_every_line(world):
    budget = _draft(world)
    count, errors = _import(
        budget,
        (
            "\ufeffCategory,Organisation,Description,Amount\n"
            "programme,Sauti Local,Water points,1200.50\n"
            "Capacity strengthening,nordic international,Mentoring,300\n"
        ),
        world.local_admin,
    )
    assert (count, errors) == (2, [])
    assert sorted(budget.lines.values_list("description", "amount")) == [
        ("Mentoring", Decimal("300.00")),
        ("Water points", Decimal("1200.50")),
    ]
    event = budget.events.get(kind=BudgetEvent.Kind.IMPORTED)
    assert event.total_after == Decimal("1500.50")


def test_one_bad_row_imports_nothing_and_names_the_row_and_the_problem(world):
    budget = _draft(world)
    count, errors = _import(
        budget,
        (
            "category,organisation,description,amount\n"
            "programme,Sauti Local,Water points,1200\n"
            "staff,Sauti Local,Coordinator,-40\n"
            "rent,Unrelated Org,,12.345\n"
            "core,Sauti Local,Rent,1 000\n"
        ),
        world.local_admin,
    )
    assert count == 0
    assert errors[0] == "Row 3: the amount -40 is negative; amounts cannot be below zero."
    assert errors[1].startswith("Row 4: unknown category “rent”")
    assert "“Unrelated Org” is not a member of this partnership" in errors[1]
    assert "the description is missing" in errors[1]
    assert "more than two decimals" in errors[1]
    assert errors[2].startswith("Row 5: “1 000” is not an amount")
    assert len(errors) == 3
    assert not BudgetLine.objects.filter(budget=budget).exists()
    assert not budget.events.exists()


def test_a_file_without_the_columns_is_refused(world):
    count, errors = _import(_draft(world), "a,b\n1,2\n", world.local_admin)
    assert count == 0 and "missing: category, organisation, description, amount" in errors[0]


def test_export_then_import_gives_the_same_lines(client, world):
    source = make_budget(world)
    client.force_login(world.local_staff)
    response = client.get(reverse("budgets:export", args=[source.partnership_id, source.pk]))
    assert response["Content-Type"] == "text/csv"
    assert 'filename="year-one-v1.csv"' in response["Content-Disposition"]
    target = _draft(world)
    response = client.post(
        reverse("budgets:import", args=[target.partnership_id, target.pk]),
        {"file": _file(response.content.decode())},
    )
    assert response.status_code == 302

    def rows(budget):
        return sorted(budget.lines.values_list("category", "organisation", "description", "amount"))

    assert rows(target) == rows(source)


def test_the_import_page_lists_the_errors(client, world):
    budget = _draft(world)
    client.force_login(world.local_staff)
    url = reverse("budgets:import", args=[budget.partnership_id, budget.pk])
    response = client.post(
        url,
        {
            "file": _file(
                "category,organisation,description,amount\nprogramme,Sauti Local,Ok,1\n"
                "programme,Sauti Local,Bad,abc\n"
            )
        },
    )
    assert response.status_code == 400
    assert "Row 3: “abc” is not an amount" in response.content.decode()
    assert not budget.lines.exists()


def test_a_budget_in_use_takes_no_import(world):
    budget = make_budget(world)
    with pytest.raises(Exception, match="change requests"):
        _import(budget, "category,organisation,description,amount\n", world.local_admin)


FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+2", "-3+4", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", FORMULAS)
def test_item9_safe_cell_makes_formulas_inert(value):
    assert safe_cell(value) == "'" + value
    assert unescape_cell(safe_cell(value)) == value


def test_item9_safe_cell_leaves_plain_text_and_numbers_alone():
    assert safe_cell("Water points") == "Water points"
    assert safe_cell("l'eau") == "l'eau"
    assert safe_cell(Decimal("-5.00")) == Decimal("-5.00")


def test_item9_the_export_escapes_cells_that_a_spreadsheet_would_run(client, world):
    budget = make_budget(world)
    for n, formula in enumerate(FORMULAS):
        BudgetLineFactory(
            budget=budget, organisation=world.local_org, description=formula, amount=Decimal(n)
        )
    client.force_login(world.local_staff)
    response = client.get(reverse("budgets:export", args=[budget.partnership_id, budget.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    exported = {row[2]: row for row in rows[1:]}
    for formula in FORMULAS:
        assert "'" + formula in exported, formula
    for row in rows:
        assert not row[2].startswith(FORMULA_STARTS), row
    assert exported["Local programme"][3] == "20000.00"


def test_item9_the_import_stores_what_was_typed_and_reads_its_own_export_back(client, world):
    budget = _draft(world)
    count, errors = _import(
        budget,
        (
            "category,organisation,description,amount\n"
            "programme,Sauti Local,=1+1,10\n"
            "programme,Sauti Local,'@home visits,20\n"
        ),
        world.local_admin,
    )
    assert (count, errors) == (2, [])
    assert sorted(budget.lines.values_list("description", flat=True)) == ["=1+1", "@home visits"]
    client.force_login(world.local_staff)
    exported = client.get(reverse("budgets:export", args=[budget.partnership_id, budget.pk]))
    assert "'=1+1" in exported.content.decode()
    copy = _draft(world)
    assert _import(copy, exported.content.decode(), world.local_admin) == (2, [])
    assert sorted(copy.lines.values_list("description", flat=True)) == ["=1+1", "@home visits"]
