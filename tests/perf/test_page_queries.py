"""Every page costs the same number of queries whether its user's organisation is in 5
partnerships or in 200, and whether the partnership holds a little or a lot (issue #16).

One module fixture builds the demo and measures, as the demo's local partner admin and as an
anonymous visitor, every main page (tests/<app>/main_pages.py), every other page with an id a
member opens (tests/<app>/access_cases.py, in a partnership of their own) and the public pages:

1. with the admin's organisation in 5 partnerships (more added in bulk, each with an MoU,
   reports, a budget, capacity, feedback and visibility records: tests/perf/world.py);
2. in 200;
3. in 200, after both measured partnerships gained 20 more of everything their pages show.

Each request starts with an empty cache, so a query a cache would hide is counted too; a page
whose first visit stores something (a read receipt, a rendered PDF) is counted at its second.
Both the queries and the rows they bring back are compared: a page may not make a query more
for each partnership of its user or each row it shows, nor load a row for each partnership of
its user unless it lists them (ROWS_PER_PARTNERSHIP). Each page also has a query budget
(MAX_QUERIES). `pytest tests/perf -s` prints the table.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone, translation

from partnerships.access import partnerships_for
from partnerships.models import Membership, Mou, Partnership, PartnershipMember
from tests.access_matrix import collect as collect_cases
from tests.conftest import World, require
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tests.main_pages import collect, collect_public
from visibility.models import PublicProfile

from .world import add_partnerships, grow

# The module fixture opens the database itself; the mark has pytest-django create it.
pytestmark = pytest.mark.django_db

FEW, MANY = 5, 200
STAGES = [f"in {FEW}", f"in {MANY}", f"in {MANY}, grown"]

# The most queries each page may make (empty cache, the most of the three stages). A page over
# its number has gained a query: find it (run with -s for the table) before raising it here.
MAX_QUERIES = {
    "partnerships: partnership list": 7,
    "partnerships: new partnership": 7,
    "partnerships: partnership": 25,
    "partnerships: edit partnership": 4,
    "partnerships: organisation": 8,
    "partnerships: notifications": 4,
    "partnerships: decision-making agreement": 5,
    "partnerships: MoU list": 5,
    "partnerships: API tokens": 3,
    "partnerships: power reflection": 4,
    "partnerships: reporting": 8,
    "partnerships: reporting schedule": 8,
    "partnerships: change password": 2,
    "partnerships: profile": 2,
    "partnerships: MoU": 5,
    "partnerships: reflection round": 10,
    "partnerships: report": 8,
    "partnerships: report form": 5,
    "partnerships: Member organisations": 9,
    "partnerships: Agreed actions": 6,
    "partnerships: New agreed action": 6,
    "partnerships: Joint interventions": 4,
    "partnerships: Invitations to partnerships": 6,
    "partnerships: Calendar feed": 3,
    "partnerships: Edit the organisation's profile": 5,
    "partnerships: Compared with the previous round": 5,
    "capacity: Capacity strengthening": 14,
    "capacity: Capacity plan": 6,
    "capacity: Add a capacity action": 11,
    "capacity: Learning needs": 4,
    "capacity: Peer learning": 8,
    "capacity: Target groups": 4,
    "capacity: Start an assessment round": 4,
    "capacity: Assessment round: Repeat assessment 2026": 12,
    "capacity: Assessment round: Baseline assessment 2025": 11,
    "capacity: Mentorship": 5,
    "feedback: Feedback cases": 5,
    "feedback: Feedback dashboard": 10,
    "feedback: Feedback channel set-up": 5,
    "feedback: Enter offline feedback": 4,
    "feedback: Consultations": 6,
    "feedback: You said, we did": 11,
    "feedback: Feedback case": 8,
    "feedback: Consultation": 6,
    "visibility: Visibility": 17,
    "visibility: Share a result": 5,
    "visibility: Log an event": 5,
    "visibility: Add a forum": 4,
    "visibility: Public page settings": 4,
    "visibility: Result": 5,
    "visibility: Organisation visibility": 7,
    "budgets: budgets": 4,
    "budgets: budget": 13,
    "budgets: budget change request": 6,
    "health: partnership health": 36,
    "health: portfolio": 25,
    "partnerships: partnership list, filtered": 7,
    "partnerships: partnership list, page 2": 7,
    "public: feedback: Public feedback form": 2,
    "public: feedback: Public follow-up": 1,
    "public: feedback: You said, we did (public)": 3,
    "public: visibility: Public results page": 3,
    "public: visibility: Public profile: Nordic Solidarity Alliance": 5,
    "public: visibility: Public profile: Sauti ya Jamii": 5,
    "public: verify an MoU": 0,
    "public: verify an MoU, by its hash": 3,
    "partnerships:report_attachment": 4,
    "partnerships:decisions_edit": 5,
    "partnerships:mou_create": 4,
    "partnerships:mou_pdf": 6,
    "partnerships:mou_edit": 5,
    "partnerships:mou_sign": 7,
    "partnerships:reflection_create": 3,
    "partnerships:reflection_answer": 9,
    "partnerships:mou_pdf_status": 4,
    "partnerships:organisation_security": 6,
    "partnerships:organisation_logo": 3,
    "partnerships:membership_edit": 5,
    "partnerships:export_members": 4,
    "partnerships:member_remove": 6,
    "partnerships:action_edit": 7,
    "partnerships:export_actions": 3,
    "partnerships:export_reports": 3,
    "partnerships:intervention_edit": 4,
    "partnerships:reporting_exemption": 6,
    "capacity:assess": 10,
    "capacity:action_edit": 11,
    "capacity:need_new": 5,
    "capacity:need_edit": 6,
    "capacity:peer_new": 3,
    "capacity:peer_edit": 4,
    "capacity:exchange_new": 6,
    "capacity:exchange_edit": 9,
    "capacity:mentorship_new": 5,
    "capacity:mentorship_edit": 6,
    "capacity:target_new": 5,
    "capacity:target_edit": 6,
    "feedback:poster": 4,
    "feedback:export": 8,
    "feedback:attachment": 5,
    "visibility:support_add": 6,
    "visibility:event_edit": 7,
    "visibility:communication_add": 5,
    "visibility:introduction_add": 5,
    "visibility:endorsement_add": 6,
    "visibility:result_edit": 5,
    "visibility:credit_edit": 5,
    "visibility:capability_pdf": 9,
    "budgets:edit": 4,
    "budgets:line_add": 5,
    "budgets:line_edit": 6,
    "budgets:import": 4,
    "budgets:export": 5,
    "budgets:rule": 5,
    "budgets:change_new": 9,
    "budgets_legacy:partnership": 3,
    "budgets_legacy:budget": 3,
    "budgets_legacy:budget_page": 3,
    "health:review_pdf": 36,
    "health:iati": 6,
    "health:records_csv": 7,
    "health:records_xlsx": 7,
    "health:api_partnership": 22,
}

# The pages that show something for each partnership of the user's organisation, so load a row
# (or a few) for each: every other page must not (test_no_page_loads_every_partnership...).
ROWS_PER_PARTNERSHIP = {
    "partnerships: organisation": "lists every partnership it shares with the user",
    "health: portfolio": "a row for each partnership of the organisation",
}


@dataclass
class Page:
    label: str
    url: str
    anonymous: bool = False
    post: dict | None = None


@dataclass
class Measure:
    page: Page
    counts: list[int] = field(default_factory=list)  # one per stage
    queries: list[list[tuple[str, int]]] = field(default_factory=list)  # (sql, rows) per stage

    def rows(self, stage: int) -> int:
        return sum(rows for _sql, rows in self.queries[stage])


def _main_pages(partnership) -> list[Page]:
    pages = [Page(label, url) for label, url in collect(partnership)]
    pages += [
        Page(
            "partnerships: partnership list, filtered",
            reverse("partnerships:list") + "?q=e&status=active&country=KE",
        ),
        Page("partnerships: partnership list, page 2", reverse("partnerships:list") + "?page=2"),
    ]
    public = [(f"public: {label}", url) for label, url in collect_public(partnership)]
    pages += [Page(label, url, anonymous=True) for label, url in public]
    mou = Mou.objects.get(partnership=partnership, status=Mou.Status.IN_FORCE)
    pages += [
        Page("public: verify an MoU", reverse("verify_mou"), anonymous=True),
        Page(
            "public: verify an MoU, by its hash",
            reverse("verify_mou"),
            anonymous=True,
            post={"sha256": mou.content_hash},
        ),
    ]
    return pages


def _world(seeded) -> World:
    """A new partnership of the seeded one's members, as the access cases expect it (they add
    to it what their URLs need)."""
    members = {m.role: m.organisation for m in seeded.members.select_related("organisation")}
    local = members[PartnershipMember.Role.LOCAL_PARTNER]
    international = members[PartnershipMember.Role.INTERNATIONAL_PARTNER]
    partnership = PartnershipFactory(title="Access cases")
    PartnershipMemberFactory(partnership=partnership, organisation=local)
    PartnershipMemberFactory(
        partnership=partnership, organisation=international, role="international_partner"
    )

    def person(org, role):
        return Membership.objects.filter(organisation=org, role=role).order_by("pk").first().user

    return World(
        partnership=partnership,
        local_org=local,
        international_org=international,
        local_admin=person(local, Membership.Role.ADMIN),
        local_staff=person(local, Membership.Role.STAFF),
        local_viewer=MembershipFactory(organisation=local, role=Membership.Role.VIEWER).user,
        international_admin=person(international, Membership.Role.ADMIN),
        outsider=MembershipFactory(organisation=OrganisationFactory(), role="admin").user,
    )


def _access_pages(world: World, pages: list[Page]) -> list[Page]:
    """Every other page with an id that a member opens (edit forms, exports, PDFs, the API),
    once per view: a view that is a main page is measured there."""
    seen = {resolve(page.url.split("?")[0]).view_name for page in pages}
    # The visibility cases unpublish the local partner's profile, a public page measured here.
    profile = PublicProfile.objects.get(organisation=world.local_org)
    cases = collect_cases(world)
    PublicProfile.objects.filter(pk=profile.pk).update(
        is_public=profile.is_public, slug=profile.slug
    )
    found = []
    for case in cases:
        if case.method != "get" or not case.member_ok or case.public or case.name in seen:
            continue
        seen.add(case.name)
        found.append(Page(case.name, case.url))
    return found


class _RowCounter:
    """The rows each query of a request brings back: one query can still load every
    partnership of the user."""

    def __init__(self):
        self.queries: list[tuple[str, int]] = []

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        cursor = context["cursor"]
        self.queries.append((sql, cursor.rowcount if cursor.description else 0))
        return result


def _measure(client, page: Page) -> tuple[int, list[tuple[str, int]]]:
    cache.clear()
    counter = _RowCounter()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(counter):
        if page.post is None:
            response = client.get(page.url)
        else:
            response = client.post(page.url, page.post)
    assert response.status_code < 400, f"{page.label}: {page.url} → {response.status_code}"
    return len(captured), counter.queries


WRITES = ("INSERT", "UPDATE", "DELETE")


def _measure_all(pages, clients, results, *, first=False):
    for page in pages:
        count, queries = _measure(clients[page.anonymous], page)
        if first and any(sql.lstrip().startswith(WRITES) for sql, _rows in queries):
            # A first visit that stored something (a read receipt, a rendered PDF): count
            # the visits after it.
            count, queries = _measure(clients[page.anonymous], page)
        measure = results.setdefault(page.label, Measure(page))
        measure.counts.append(count)
        measure.queries.append(queries)


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker, tmp_path_factory):
    # The budgets are PostgreSQL's counts (SQLite runs some queries differently), and SQLite
    # does not say how many rows a query returned.
    require(connection.vendor == "postgresql", "query budgets are measured on PostgreSQL")
    media = tmp_path_factory.mktemp("media")
    results: dict[str, Measure] = {}
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        first = Partnership.objects.order_by("pk").first()
        world = _world(first)
        pages = _main_pages(first)
        pages += _access_pages(world, pages)
        assert len({page.label for page in pages}) == len(pages), "two pages, one label"
        local, admin = world.local_org, world.local_admin
        for partnership in (first, world.partnership):
            # Something in every list from the start: an empty list skips its prefetch.
            grow(partnership, local, admin, n=2)
        already = partnerships_for(admin).count()
        add_partnerships(local, admin, first=0, count=FEW - already)
        assert partnerships_for(admin).count() == FEW
        clients = {False: Client(), True: Client()}
        clients[False].force_login(admin)
        _measure_all(pages, clients, results, first=True)
        add_partnerships(local, admin, first=FEW - already, count=MANY - FEW)
        assert partnerships_for(admin).count() == MANY
        _measure_all(pages, clients, results)
        for partnership in (first, world.partnership):
            grow(partnership, local, admin, n=20)
        _measure_all(pages, clients, results)
        transaction.set_rollback(True)
    translation.activate(settings.LANGUAGE_CODE)
    timezone.deactivate()
    cache.clear()
    _print_table(results)
    return results


def _print_table(results):
    header = f"{'page':<58} {'queries: ' + ' / '.join(STAGES):<38} max  rows"
    lines = ["", header]
    for label, m in results.items():
        counts = " / ".join(f"{c:>3}" for c in m.counts)
        rows = " / ".join(str(m.rows(stage)) for stage in range(len(STAGES)))
        lines.append(f"{label:<58} {counts:<38} {MAX_QUERIES.get(label, '-'):>3}  {rows}")
    print("\n".join(lines))  # noqa: T201 (the figures, shown with -s)


def _shape(sql: str) -> str:
    """A query without its values, to tell which query came in addition."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def _added_queries(before, after) -> str:
    added = Counter(_shape(sql) for sql, _rows in after)
    added.subtract(_shape(sql) for sql, _rows in before)
    return "\n".join(f"    {n}× {sql[:400]}" for sql, n in added.most_common(5) if n > 0)


def _grown_rows(before, after) -> str:
    pairs = zip(before, after, strict=False)
    return "\n".join(f"    {a} → {b} rows: {sql[:400]}" for (sql, a), (_s, b) in pairs if a != b)


def _count_differences(measured, a: int, b: int) -> str:
    lines = []
    for label, m in measured.items():
        if m.counts[a] != m.counts[b]:
            lines.append(f"{label} ({m.page.url}): {m.counts[a]} → {m.counts[b]} queries")
            lines.append(_added_queries(m.queries[a], m.queries[b]))
    return "\n".join(lines)


def test_no_page_makes_a_query_per_partnership_of_its_user(measured):
    """The same number of queries for an admin whose organisation is in 5 as in 200."""
    differences = _count_differences(measured, 0, 1)
    assert not differences, f"queries grow with the user's partnerships:\n{differences}"


def test_no_page_makes_a_query_per_row_it_shows(measured):
    """The same number after the partnerships gained lines, reports, cases, people..."""
    differences = _count_differences(measured, 1, 2)
    assert not differences, f"queries grow with the data:\n{differences}"


def test_no_page_loads_every_partnership_of_its_user(measured):
    """A user in 200 partnerships pays for each of them only on the pages that list them: any
    other page loads fewer than one row more per partnership (a page of 20 may fill up)."""
    lines = []
    for label, m in measured.items():
        grew = m.rows(1) - m.rows(0)
        if label not in ROWS_PER_PARTNERSHIP and grew >= MANY - FEW:
            lines.append(f"{label} ({m.page.url}): {m.rows(0)} → {m.rows(1)} rows")
            lines.append(_grown_rows(m.queries[0], m.queries[1]))
    assert not lines, "rows loaded grow with the user's partnerships:\n" + "\n".join(lines)
    listed = {label: m.rows(1) - m.rows(0) for label, m in measured.items()}
    stale = sorted(k for k in ROWS_PER_PARTNERSHIP if listed.get(k, 0) < MANY - FEW)
    assert not stale, f"these no longer load a row per partnership, take them out: {stale}"


def test_every_page_stays_within_its_query_budget(measured):
    unlisted = sorted(set(measured) - set(MAX_QUERIES))
    assert not unlisted, f"add these pages to MAX_QUERIES: {unlisted}"
    over = [
        f"{label}: {max(m.counts)} queries, at most {MAX_QUERIES[label]}"
        for label, m in measured.items()
        if max(m.counts) > MAX_QUERIES[label]
    ]
    assert not over, "over budget:\n" + "\n".join(over)
    stale = sorted(set(MAX_QUERIES) - set(measured))
    assert not stale, f"no longer measured, remove from MAX_QUERIES: {stale}"
