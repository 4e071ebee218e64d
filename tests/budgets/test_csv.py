from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets.models import Budget, BudgetEvent, BudgetLine
from budgets.services.csv_lines import budget_lines_import_csv
from tests.factories import BudgetFactory

from .helpers import make_budget

pytestmark = pytest.mark.django_db


def _import(budget, text, user):
    return budget_lines_import_csv(budget=budget, user=user, text=text)


def _file(text, name="lines.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _draft(world):
    return BudgetFactory(partnership=world.partnership, title="Draft", currency="KES",
                         status=Budget.Status.DRAFT)


def test_a_good_file_imports_every_line(world):
    budget = _draft(world)
    count, errors = _import(budget, (
        "\ufeffCategory,Organisation,Description,Amount\n"
        "programme,Sauti Local,Water points,1200.50\n"
        "Capacity strengthening,nordic international,Mentoring,300\n"
    ), world.local_admin)
    assert (count, errors) == (2, [])
    assert sorted(budget.lines.values_list("description", "amount")) == [
        ("Mentoring", Decimal("300.00")), ("Water points", Decimal("1200.50"))]
    event = budget.events.get(kind=BudgetEvent.Kind.IMPORTED)
    assert event.total_after == Decimal("1500.50")


def test_one_bad_row_imports_nothing_and_names_the_row_and_the_problem(world):
    budget = _draft(world)
    count, errors = _import(budget, (
        "category,organisation,description,amount\n"
        "programme,Sauti Local,Water points,1200\n"
        "staff,Sauti Local,Coordinator,-40\n"
        "rent,Unrelated Org,,12.345\n"
        "core,Sauti Local,Rent,1 000\n"
    ), world.local_admin)
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
    response = client.post(reverse("budgets:import", args=[target.partnership_id, target.pk]),
                           {"file": _file(response.content.decode())})
    assert response.status_code == 302

    def rows(budget):
        return sorted(budget.lines.values_list("category", "organisation", "description",
                                               "amount"))
    assert rows(target) == rows(source)


def test_the_import_page_lists_the_errors(client, world):
    budget = _draft(world)
    client.force_login(world.local_staff)
    url = reverse("budgets:import", args=[budget.partnership_id, budget.pk])
    response = client.post(url, {"file": _file(
        "category,organisation,description,amount\nprogramme,Sauti Local,Ok,1\n"
        "programme,Sauti Local,Bad,abc\n")})
    assert response.status_code == 400
    assert "Row 3: “abc” is not an amount" in response.content.decode()
    assert not budget.lines.exists()


def test_a_budget_in_use_takes_no_import(world):
    budget = make_budget(world)
    with pytest.raises(Exception, match="change requests"):
        _import(budget, "category,organisation,description,amount\n", world.local_admin)
