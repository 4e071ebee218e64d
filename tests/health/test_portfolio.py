"""Portfolio figures against a hand computation over three partnerships."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from budgets.models import Budget, BudgetLine
from feedback.models import Case
from feedback.services.cases import case_submit
from health.portfolio import Filters, portfolio_for
from partnerships.csv import unescape_cell
from partnerships.models import Partnership, PartnershipMember
from tests.factories import (
    InternationalOrganisationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 8, 15)


@pytest.fixture
def three(db):
    """Nordic is international partner in A (Kenya, EUR) and B (Uganda, EUR) and donor in C
    (Kenya, USD, closing).
    A: local 300 of 1,000 EUR; overhead: local 0 of 100.
    B: local 100 of 1,000 EUR; overhead: local 50 of 50.
    C: local 500 of 500 USD; no overhead."""
    nordic = InternationalOrganisationFactory(name="Nordic")
    kenya = OrganisationFactory(name="Kenya Local", country="KE")
    uganda = OrganisationFactory(name="Uganda Local", country="UG")
    user = MembershipFactory(organisation=nordic, role="admin").user
    found = {}
    for title, local, role, status, currency, lines in [
        (
            "A",
            kenya,
            "international_partner",
            "active",
            "EUR",
            [("programme", "local", 300), ("programme", "intl", 600), ("overhead", "intl", 100)],
        ),
        (
            "B",
            uganda,
            "international_partner",
            "active",
            "EUR",
            [("programme", "local", 50), ("overhead", "local", 50), ("programme", "intl", 900)],
        ),
        ("C", kenya, "donor", "closing", "USD", [("programme", "local", 500)]),
    ]:
        p = PartnershipFactory(title=title, status=status)
        PartnershipMemberFactory(partnership=p, organisation=local)
        PartnershipMemberFactory(partnership=p, organisation=nordic, role=role)
        budget = Budget.objects.create(partnership=p, title="B", currency=currency)
        for category, who, amount in lines:
            BudgetLine.objects.create(
                budget=budget,
                category=category,
                description="x",
                organisation=local if who == "local" else nordic,
                amount=Decimal(amount),
            )
        found[title] = p
    return nordic, user, found


def totals(portfolio, name):
    return {t.label: (t.part, t.whole, t.value, t.status) for t in portfolio.totals[name]}


def test_portfolio_totals_match_the_hand_computation(three):
    nordic, _, _ = three
    found = portfolio_for(nordic, filters=Filters(), today=TODAY)
    assert [row.partnership.title for row in found.rows] == ["A", "B", "C"]
    assert [row.role for row in found.rows] == [
        "international_partner",
        "international_partner",
        "donor",
    ]
    # EUR: (300 + 100) of 2,000 = 20.0%, below the Grand Bargain's 25%; USD: 500 of 500.
    assert totals(found, "local_share") == {
        "EUR": (Decimal(400), Decimal(2000), Decimal("20.0"), "attention"),
        "USD": (Decimal(500), Decimal(500), Decimal("100.0"), "on_track"),
    }
    # Overhead EUR: 50 of 150 passed on.
    assert totals(found, "overhead_shared") == {
        "EUR": (Decimal(50), Decimal(150), Decimal("33.3"), "attention")
    }
    row_a = found.rows[0]
    assert dict(row_a.dimension_statuses)["institutional"] == "attention"  # overhead 0%
    assert dict(row_a.dimension_statuses)["capacity"] == "no_data"


def test_portfolio_filters_by_country_status_and_role(three):
    nordic, _, _ = three

    def titles(**kwargs):
        return [
            r.partnership.title
            for r in portfolio_for(nordic, filters=Filters(**kwargs), today=TODAY).rows
        ]

    assert titles(country="UG") == ["B"]
    assert titles(status=Partnership.Status.CLOSING) == ["C"]
    assert titles(role=PartnershipMember.Role.DONOR) == ["C"]
    assert titles(country="KE", role="international_partner") == ["A"]


def test_portfolio_names_the_countries_of_each_row_and_offers_each_once(three):
    nordic, _, _ = three
    with translation.override("fr"):
        found = portfolio_for(nordic, filters=Filters(), today=TODAY)
        assert [row.countries for row in found.rows] == [
            ["Danemark", "Kenya"],
            ["Danemark", "Ouganda"],
            ["Danemark", "Kenya"],
        ]
        assert found.countries == [("DK", "Danemark"), ("KE", "Kenya"), ("UG", "Ouganda")]


def value_of(cell):
    """A cell as a value: numbers compared as numbers (the CSV writes 100.0, a spreadsheet
    reads 100), no data as empty text."""
    if cell is None:
        return ""
    try:
        return Decimal(str(cell))
    except ArithmeticError:
        return str(cell)


def test_csv_escapes_formulas_and_xlsx_reads_back_equal(client, three):
    nordic, user, found = three
    Partnership.objects.filter(pk=found["A"].pk).update(title='=HYPERLINK("http://x")')
    client.force_login(user)
    csv_text = client.get(reverse("health:portfolio_csv")).content.decode()
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert '\'=HYPERLINK("http://x")' in {row[0] for row in rows}
    book = load_workbook(io.BytesIO(client.get(reverse("health:portfolio_xlsx")).content))
    sheet = [[value_of(cell) for cell in row] for row in book.active.iter_rows(values_only=True)]
    assert sheet == [[value_of(cell) for cell in row] for row in rows]
    assert len(rows) == 4
    assert unescape_cell(rows[1][0]).startswith("=") or unescape_cell(rows[3][0]).startswith("=")


def test_portfolio_of_an_organisation_the_user_does_not_belong_to_is_404(client, three):
    _, user, _ = three
    other = OrganisationFactory()
    client.force_login(user)
    for name in [
        "health:portfolio",
        "health:portfolio_csv",
        "health:portfolio_xlsx",
        "health:api_portfolio",
    ]:
        assert client.get(reverse(name), {"organisation": other.pk}).status_code == 404


def test_portfolio_page_shows_the_totals(client, three):
    _, user, _ = three
    client.force_login(user)
    html = client.get(reverse("health:portfolio")).content.decode()
    totals_html = html.split('id="portfolio-totals"')[1].split("</section>")[0]
    assert "20.0%" in totals_html and "33.3%" in totals_html


def test_open_complaints_past_their_deadline_add_up_over_the_portfolio(three):
    nordic, _, found = three
    for title, respond_due in [
        ("A", TODAY - datetime.timedelta(days=1)),
        ("B", TODAY - datetime.timedelta(days=30)),
        ("C", TODAY + datetime.timedelta(days=5)),
    ]:
        case, _code = case_submit(
            partnership_id=found[title].pk, kind=Case.Kind.COMPLAINT, text="No water at the school."
        )
        Case.objects.filter(pk=case.pk).update(respond_due=respond_due)
    portfolio = portfolio_for(nordic, filters=Filters(), today=TODAY)
    assert portfolio.totals["open_past_deadline"] == 2  # A and B; C still has time
