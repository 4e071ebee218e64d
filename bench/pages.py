"""Each page's throughput against a bare Django page, side by side.

Builds a scratch PostgreSQL database with PARTNERSHIPS partnerships and one organisation admin
whose organisation is in MINE of them. Every partnership has two members (each organisation
also has a safeguarding focal point besides the benchmark user), an MoU in force, a reporting
schedule with four periods and both reports, a budget of 20 lines; capacity (a complete
baseline round and a repeat round under way, four plan actions, a target-group activity);
feedback (a channel with its web form open, ten cases of every kind and status with their
history, one a sensitive report sealed from the benchmark user); visibility (two fora with
support and events, three credited results of which two published, a communication, an
introduction, a public page both members approved; every organisation's public profile
published); and three monthly health snapshots.

Serves the app (DEBUG=0, gunicorn, 2 workers) and `bench/bare_site.py` (one model, one query,
50 rows through a base template), then runs wrk (8 connections) against the bare page and each
page in turn, ROUNDS times, so both see the same machine load. Signed-in pages are fetched with
the benchmark user's session and CSRF cookies, as a browser sends them, public pages (feedback
form, public profile, public partnership page) without any cookie. Prints requests per second,
p50, p99, bytes, queries (a page rendered) and again (the same page seen again, from the page
cache), the ratio bare/page (lower is better; 1.0 is as fast as bare Django) and the page's
target: 2.0 signed in, 1.2 public. Under wrk a signed-in page is seen again and again, so it is
served from the page cache (partnerships/page_cache.py) after its first request; PAGE_CACHE=0
in the environment measures every request rendered, as on a first visit after a change.

Usage: python bench/pages.py [partnerships=10000] [mine=500] [seconds=5] [rounds=2]
Needs DATABASE_URL pointing at PostgreSQL, wrk and gunicorn. With BENCH_KEEP=1 the data set is
kept as database bench_pages_<partnerships>_<mine> and reused by the next run (and by
bench/profile_page.py); drop it with `dropdb` when done.
"""

import contextlib
import dataclasses
import datetime
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

from _scratch import scratch_database  # first: it sets Django up
from django.conf import settings as django_settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

ARGS = [int(a) for a in sys.argv[1:]]
PARTNERSHIPS, MINE, SECONDS, ROUNDS = (ARGS + [10_000, 500, 5, 2][len(ARGS) :])[:4]
ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TODAY = datetime.date.today()


def build(timings: dict | None = None):
    """The data set, in bulk; returns the benchmark user and one of their partnerships.
    `timings` receives the seconds each part took."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    from budgets.models import Budget, BudgetLine
    from partnerships.models import (
        Membership,
        Mou,
        MutualReport,
        Organisation,
        Partnership,
        PartnershipMember,
        ReportingSchedule,
        ReportPeriod,
        User,
    )

    locals_ = Organisation.objects.bulk_create(
        Organisation(
            name=f"Local organisation {i}", country="KE", kind="local_cso", is_local_actor=True
        )
        for i in range(200)
    )
    internationals = Organisation.objects.bulk_create(
        Organisation(name=f"International organisation {i}", country="DK", kind="international_cso")
        for i in range(50)
    )
    user = User.objects.create_user("bench@example.org", "bench-password", full_name="Bench")
    Membership.objects.create(user=user, organisation=locals_[0], role="admin", is_signatory=True)
    start = TODAY.replace(month=1, day=1) - datetime.timedelta(days=365)
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            title=f"Partnership {i}",
            status="active",
            local_needs="Needs " * 20,
            start_date=start,
            end_date=start.replace(year=start.year + 3),
        )
        for i in range(PARTNERSHIPS)
    )
    members = []
    for i, p in enumerate(partnerships):
        local = locals_[0] if i < MINE else locals_[1 + i % 199]
        members.append(PartnershipMember(partnership=p, organisation=local, role="local_partner"))
        members.append(
            PartnershipMember(
                partnership=p, organisation=internationals[i % 50], role="international_partner"
            )
        )
    PartnershipMember.objects.bulk_create(members, batch_size=5000)
    text = "Agreed text of this section. " * 10
    Mou.objects.bulk_create(
        (
            Mou(
                partnership=p,
                version=1,
                status="in_force",
                title="Memorandum",
                language="en",
                term_start=start,
                term_end=start.replace(year=start.year + 3),
                decision_making=text,
                accountability=text,
                transparency=text,
                resources=text,
                communication=text,
                representation=text,
                content_hash="0" * 64,
            )
            for p in partnerships
        ),
        batch_size=2000,
    )
    ReportingSchedule.objects.bulk_create(
        (
            ReportingSchedule(
                partnership=p,
                interval_months=3,
                first_period_start=start,
                due_days=30,
                notice_days=14,
                next_period_start=start + datetime.timedelta(days=365),
            )
            for p in partnerships
        ),
        batch_size=2000,
    )
    periods = []
    for p in partnerships:
        for q in range(4):
            begin = start + datetime.timedelta(days=91 * q)
            end = begin + datetime.timedelta(days=90)
            due = end + datetime.timedelta(days=30)
            periods.append(
                ReportPeriod(
                    partnership=p,
                    start=begin,
                    end=end,
                    due_date=due,
                    remind_from=due - datetime.timedelta(days=14),
                )
            )
    periods = ReportPeriod.objects.bulk_create(periods, batch_size=5000)
    org_of = {}
    for m in members:
        org_of.setdefault(m.partnership_id, []).append(m.organisation_id)
    now = datetime.datetime.now(datetime.UTC)
    MutualReport.objects.bulk_create(
        (
            MutualReport(
                period=period,
                organisation_id=org_id,
                status="submitted",
                developments="Developments " * 10,
                progress="Progress " * 10,
                submitted_at=now,
            )
            for period in periods
            for org_id in org_of[period.partnership_id]
        ),
        batch_size=5000,
    )
    budgets = Budget.objects.bulk_create(
        (
            Budget(
                partnership=p,
                title="Budget",
                currency="EUR",
                period_start=start,
                period_end=start.replace(year=start.year + 1),
                status="active",
            )
            for p in partnerships
        ),
        batch_size=2000,
    )
    categories = [c for c, _label in BudgetLine.Category.choices]
    BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                budget=b,
                category=categories[n % len(categories)],
                organisation_id=org_of[b.partnership_id][n % 2],
                description=f"Line {n}",
                amount=Decimal(1000 + n * 50),
            )
            for b in budgets
            for n in range(20)
        ),
        batch_size=10_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statements below are planned knowing the table sizes
    timings["core"] = time.perf_counter() - started
    world = World(
        partnerships=partnerships,
        locals_=locals_,
        internationals=internationals,
        sides={p.pk: org_of[p.pk] for p in partnerships},  # [local id, international id]
        start=start,
        now=now,
    )
    for name, step in (
        ("people", build_people),
        ("capacity", build_capacity),
        ("feedback", build_feedback),
        ("visibility", build_visibility),
        ("health", build_health),
    ):
        began = time.perf_counter()
        step(world)
        timings[name] = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user, partnerships[0]


@dataclasses.dataclass
class World:
    """What the dimension builders share: the core data set as built."""

    partnerships: list
    locals_: list
    internationals: list
    sides: dict  # partnership id -> [local organisation id, international organisation id]
    start: datetime.date
    now: datetime.datetime


def sql(statement: str, params: dict | None = None) -> None:
    """Rows that follow from rows already there (every member of every partnership, every item
    of every round) are generated by PostgreSQL itself: several times faster than building
    the objects in Python for bulk_create. Tables named `{app_model}` in the statement."""
    from django.apps import apps

    def table(match):
        app, model = match.group(1).split("_", 1)
        return apps.get_model(app, model)._meta.db_table

    with connection.cursor() as cursor:
        cursor.execute(re.sub(r"\{(\w+)\}", table, statement), params)


# In the statements below: a partnership's local partner `l`, its international partner `i`,
# and each organisation's focal point `f` (partnerships/models: PartnershipMember, Membership).
SIDES = """
    JOIN {partnerships_PartnershipMember} l
        ON l.partnership_id = p.id AND l.role = 'local_partner'
    JOIN {partnerships_PartnershipMember} i
        ON i.partnership_id = p.id AND i.role = 'international_partner'
"""


def encrypted(model, field: str, text: str) -> str:
    """The stored form of `text` in an encrypted field, for a statement to insert as is."""
    return model._meta.get_field(field).get_prep_value(text)


def build_people(world: World) -> None:
    """One more person in every organisation: an admin who is its safeguarding focal point
    (the benchmark user is not one, so sensitive cases stay sealed from them)."""
    from django.contrib.auth.hashers import make_password

    from partnerships.models import Membership, User

    organisations = world.locals_ + world.internationals
    password = make_password(None)  # unusable, and hashed once
    users = User.objects.bulk_create(
        User(email=f"focal{o.pk}@example.org", full_name=f"Focal point {o.pk}", password=password)
        for o in organisations
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role="admin", is_safeguarding_focal_point=True)
        for u, o in zip(users, organisations, strict=True)
    )


# title, follows up the repeat round (else the baseline), domain, strengthens the local partner
# (else the international one), kind, days, cost, due in days from today, status
ACTIONS = [
    ("Mentoring on grant financial reporting", False, "finance", True, "mentoring", 6, 2400,
     -200, "done"),
    ("Coaching on report writing", True, "meal", True, "coaching", 4, 0, 5, "in_progress"),
    ("Digital security audit and password manager", True, "digital", True, "systems", 2, 1800,
     -10, "planned"),
    ("Induction of visiting staff by community facilitators", False, "as_partner", False,
     "accompaniment", 3, 0, 60, "planned"),
]  # fmt: skip


def build_capacity(world: World) -> None:
    """A complete baseline round (both self-assessments submitted, every item scored); in
    every other partnership a repeat round under way (the local partner's draft, eight items
    scored); four plan actions in every status, those with a cost funded by the budget's
    capacity line; one target-group activity."""
    from capacity.models import AssessmentRound, Domain, Framework, Item, TargetGroupActivity

    framework = Framework.objects.get(domains__code="governance")
    items = list(
        Item.objects.filter(domain__framework=framework, is_active=True).select_related("domain")
    )
    everyone = [i.pk for i in items if i.domain.applies_to == Domain.AppliesTo.ALL]
    domains = {d.code: d.pk for d in Domain.objects.filter(framework=framework)}
    AssessmentRound.objects.bulk_create(
        (
            AssessmentRound(
                partnership=p,
                framework=framework,
                title="Baseline assessment",
                opened_on=world.start + datetime.timedelta(days=60),
            )
            for p in world.partnerships
        ),
        batch_size=5000,
    )
    AssessmentRound.objects.bulk_create(
        (
            AssessmentRound(
                partnership=p,
                framework=framework,
                title="Repeat assessment",
                opened_on=TODAY - datetime.timedelta(days=20),
            )
            for p in world.partnerships[::2]
        ),
        batch_size=5000,
    )
    sql(
        """
        INSERT INTO {capacity_AssessmentRound_items} (assessmentround_id, item_id)
        SELECT r.id, item FROM {capacity_AssessmentRound} r, unnest(%(items)s::int[]) item
        """,
        {"items": [i.pk for i in items]},
    )
    # Baseline: every member assessed itself and submitted; repeat: the local partner's draft.
    sql(
        """
        INSERT INTO {capacity_Assessment}
            (round_id, assessor_id, subject_id, status, submitted_at, updated_at)
        SELECT r.id, m.organisation_id, m.organisation_id,
            CASE WHEN r.title = 'Baseline assessment' THEN 'submitted' ELSE 'draft' END,
            CASE WHEN r.title = 'Baseline assessment' THEN %(now)s END, %(now)s
        FROM {capacity_AssessmentRound} r
        JOIN {partnerships_PartnershipMember} m ON m.partnership_id = r.partnership_id
        WHERE r.title = 'Baseline assessment' OR m.role = 'local_partner'
        """,
        {"now": world.now},
    )
    # Submitted self-assessments score every item that applies (partner-practice items to
    # international organisations only); the draft the first eight. Every fifth has evidence.
    sql(
        """
        INSERT INTO {capacity_Score} (assessment_id, item_id, score, evidence, comment)
        SELECT a.id, item, 1 + (a.id + item + a.subject_id) %% 4,
            CASE WHEN (a.id + item) %% 5 = 0 THEN %(evidence)s ELSE '' END, ''
        FROM {capacity_Assessment} a, unnest(%(items)s::int[]) item
        WHERE CASE
            WHEN a.status <> 'submitted' THEN item = ANY(%(draft)s)
            WHEN a.subject_id = ANY(%(internationals)s) THEN true
            ELSE item = ANY(%(everyone)s)
        END
        """,
        {
            "evidence": "Policy approved by the board; minutes on file.",
            "items": [i.pk for i in items],
            "everyone": everyone,
            "draft": everyone[:8],
            "internationals": [o.pk for o in world.internationals],
        },
    )
    columns = list(zip(*ACTIONS, strict=True))
    sql(
        """
        -- Joins, not a subquery a row: those ran in quadratic time at 10,000 partnerships.
        WITH line AS (
            SELECT b.partnership_id, min(line.id) AS id FROM {budgets_BudgetLine} line
            JOIN {budgets_Budget} b ON b.id = line.budget_id
            WHERE line.category = 'capacity' GROUP BY b.partnership_id
        )
        INSERT INTO {capacity_CapacityAction} (partnership_id, title, round_id, domain_id,
            receiving_id, providing_id, kind, days, cost, budget_line_id, due_date, status,
            completed_on, outcome, created_at, updated_at)
        SELECT p.id, a.title, r.id, a.domain,
            CASE WHEN a.to_local THEN l.organisation_id ELSE i.organisation_id END,
            CASE WHEN a.to_local THEN i.organisation_id ELSE l.organisation_id END,
            a.kind, a.days, a.cost, CASE WHEN a.cost > 0 THEN line.id END,
            %(today)s::date + a.due, a.status,
            CASE WHEN a.status = 'done' THEN %(today)s::date + a.due - 12 END,
            CASE WHEN a.status = 'done' THEN %(outcome)s ELSE '' END,
            %(now)s, %(now)s
        FROM {partnerships_Partnership} p """
        + SIDES
        + """
        CROSS JOIN unnest(%(title)s::text[], %(repeat)s::bool[], %(domain)s::int[],
            %(to_local)s::bool[], %(kind)s::text[], %(days)s::numeric[], %(cost)s::numeric[],
            %(due)s::int[], %(status)s::text[])
            AS a(title, repeat, domain, to_local, kind, days, cost, due, status)
        LEFT JOIN {capacity_AssessmentRound} r ON r.partnership_id = p.id
            AND r.title = CASE WHEN a.repeat THEN 'Repeat assessment' ELSE 'Baseline assessment' END
        LEFT JOIN line ON line.partnership_id = p.id
        ORDER BY p.id
        """,
        {
            "title": list(columns[0]),
            "repeat": list(columns[1]),
            "domain": [domains[code] for code in columns[2]],
            "to_local": list(columns[3]),
            "kind": list(columns[4]),
            "days": list(columns[5]),
            "cost": list(columns[6]),
            "due": list(columns[7]),
            "status": list(columns[8]),
            "today": TODAY,
            "now": world.now,
            "outcome": "Reports now reconcile with the ledger at the first try.",
        },
    )
    TargetGroupActivity.objects.bulk_create(
        (
            TargetGroupActivity(
                partnership=p,
                organisation_id=world.sides[p.pk][0],
                held_on=world.start + datetime.timedelta(days=200),
                topic="Reading the county budget",
                girls=12,
                boys=10,
                women=18,
                men=9,
                older_women=3,
                older_men=2,
                with_disability=4,
            )
            for p in world.partnerships
        ),
        batch_size=10_000,
    )


# kind, received through, status, days ago, contact given (with consent), response written
CASES = [
    ("question", "web", "closed", 40, False, True),
    ("suggestion", "box", "responded", 35, False, True),
    ("complaint", "phone", "in_progress", 20, True, False),  # the case page measured
    ("feedback", "meeting", "acknowledged", 12, False, False),
    ("complaint", "web", "new", 10, False, False),
    ("question", "sms", "new", 2, True, False),
    ("complaint", "whatsapp", "referred", 25, True, False),
    ("suggestion", "web", "acknowledged", 6, False, False),
    ("feedback", "in_person", "closed", 60, False, True),
    ("sensitive", "web", "new", 3, False, False),  # about the international partner: sealed
]
# The status changes each final status went through, in order.
WALKS = {
    "new": [],
    "acknowledged": ["acknowledged"],
    "in_progress": ["acknowledged", "in_progress"],
    "responded": ["acknowledged", "responded"],
    "referred": ["acknowledged", "referred"],
    "closed": ["acknowledged", "responded", "closed"],
}
FOLLOW_UP_CODE = "ABCD2345EFGH"


def build_feedback(world: World) -> None:
    """A channel with its web form open; ten cases of every kind and status, one a sensitive
    report about the international partner, with their history, a note and an addition from
    the person on the case in progress."""
    from feedback.models import Case, CaseEntry, Channel

    Channel.objects.bulk_create(
        (
            Channel(
                partnership=p,
                public_name=p.title,
                languages=["en", "fr", "ar"],
                web_form_open=True,
                phone="+254 700 123 456",
                sms="+254 700 123 457",
                suggestion_boxes="At the health centre and the school.",
                meetings="Every first Saturday, 10:00, community hall.",
                rights_text=(
                    "You may tell us anything about this project: questions, ideas, praise or "
                    "complaints, including about our staff. You do not have to give your name. "
                    "We acknowledge within 7 days and answer within 30."
                ),
                wants_sensitive=True,
                results_public=True,
            )
            for p in world.partnerships
        ),
        batch_size=5000,
    )
    columns = list(zip(*CASES, strict=True))
    # References: unique by construction (p.id * 16 + n), in the code alphabet's spirit.
    sql(
        """
        WITH c AS (
            SELECT p.id AS partnership_id, l.organisation_id AS local_id,
                i.organisation_id AS international_id, f.user_id AS focal_id,
                'FB-' || translate(lpad(upper(to_hex(p.id * 16 + c.n)), 8, 'Z'), '01', 'XY')
                    AS reference,
                %(now)s::timestamptz - make_interval(days => c.days_ago) AS received,
                c.*
            FROM {partnerships_Partnership} p """
        + SIDES
        + """
            JOIN {partnerships_Membership} f
                ON f.organisation_id = l.organisation_id AND f.is_safeguarding_focal_point
            CROSS JOIN unnest(%(n)s::int[], %(kind)s::text[], %(via)s::text[],
                %(status)s::text[], %(days_ago)s::int[], %(contact)s::bool[],
                %(responded)s::bool[])
                AS c(n, kind, via, status, days_ago, has_contact, responded)
        )
        INSERT INTO {feedback_Case} (partnership_id, reference, kind, sensitive_category, via,
            language, text, contact, contact_consent, referral_consent,
            concerns_organisation_id, status, assigned_organisation_id, response, referred_to,
            referred_with_personal_data, follow_up_hash, entered_by_id, received_at,
            acknowledge_due, respond_due, acknowledged_at, responded_at, closed_at)
        SELECT partnership_id, reference, kind,
            CASE WHEN kind = 'sensitive' THEN 'misconduct' ELSE '' END, via, 'en', %(text)s,
            CASE WHEN has_contact THEN %(contact_text)s END, has_contact, has_contact,
            CASE WHEN kind = 'sensitive' THEN international_id END, status,
            CASE WHEN status <> 'new' THEN local_id END,
            CASE WHEN responded THEN %(response)s END,
            CASE WHEN status = 'referred' THEN 'County social services' ELSE '' END, false,
            encode(sha256(convert_to(reference || ':' || %(code)s, 'UTF8')), 'hex'),
            CASE WHEN via <> 'web' THEN focal_id END, received,
            (received + interval '7 days')::date, (received + interval '30 days')::date,
            CASE WHEN status <> 'new' THEN received + interval '2 days' END,
            CASE WHEN responded THEN received + interval '9 days' END,
            CASE WHEN status = 'closed' THEN received + interval '14 days' END
        FROM c ORDER BY partnership_id, n
        """,
        {
            "n": list(range(len(CASES))),
            "kind": list(columns[0]),
            "via": list(columns[1]),
            "status": list(columns[2]),
            "days_ago": list(columns[3]),
            "contact": list(columns[4]),
            "responded": list(columns[5]),
            "now": world.now,
            "code": FOLLOW_UP_CODE,
            "text": encrypted(Case, "text", "The list of participants left out our village. " * 4),
            "contact_text": encrypted(Case, "contact", "+254 711 000 000"),
            "response": encrypted(
                Case, "response", "Thank you: the sessions move to October, after the harvest."
            ),
        },
    )
    walks = [(final, step, n) for final, steps in WALKS.items() for n, step in enumerate(steps)]
    final, step, order = (list(column) for column in zip(*walks, strict=True))
    sql(
        """
        INSERT INTO {feedback_CaseEntry} (case_id, kind, author_id, text, status, created_at)
        SELECT k.id, 'status', f.user_id, NULL, w.step,
            k.received_at + make_interval(days => 2 + 3 * w.n)
        FROM {feedback_Case} k
        JOIN unnest(%(final)s::text[], %(step)s::text[], %(n)s::int[]) AS w(final, step, n)
            ON w.final = k.status
        LEFT JOIN {partnerships_Membership} f
            ON f.organisation_id = k.assigned_organisation_id AND f.is_safeguarding_focal_point
        ORDER BY k.id, w.n
        """,
        {"final": final, "step": step, "n": order},
    )
    sql(
        """
        INSERT INTO {feedback_CaseEntry} (case_id, kind, author_id, text, status, created_at)
        SELECT k.id, e.kind, CASE WHEN e.kind = 'note' THEN f.user_id END, e.text, '',
            k.received_at + make_interval(days => e.after)
        FROM {feedback_Case} k
        CROSS JOIN (VALUES ('note', %(note)s, 8), ('from_person', %(addition)s, 9))
            AS e(kind, text, after)
        LEFT JOIN {partnerships_Membership} f
            ON f.organisation_id = k.assigned_organisation_id AND f.is_safeguarding_focal_point
        WHERE k.status = 'in_progress'
        ORDER BY k.id, e.after
        """,
        {
            "note": encrypted(CaseEntry, "text", "Called the chief; the list is being checked."),
            "addition": encrypted(CaseEntry, "text", "Three more families are missing."),
        },
    )


def build_visibility(world: World) -> None:
    """A shared register of fora with every organisation's roles in some of them; for each
    partnership two fora with the local partner's aim (support agreed in one), an event in
    each, three results crediting both members (two approved by both, so published; one
    awaiting the local partner), a communication, an introduction and a public page both
    members approved; every organisation's public profile published, each local one with an
    endorsement shown."""
    from visibility.models import (
        Communication,
        Endorsement,
        Forum,
        ForumRole,
        ForumSupport,
        Introduction,
        PartnershipForum,
        PartnershipPage,
        PublicProfile,
    )

    kinds = [k for k, _label in Forum.Kind.choices]
    levels = [v for v, _label in Forum.Level.choices]
    fora = Forum.objects.bulk_create(
        Forum(
            name=f"Forum {n}",
            kind=kinds[n % len(kinds)],
            level=levels[n % len(levels)],
            topic="Public participation in budgets",
            country="KE" if n % 2 else "",
        )
        for n in range(40)
    )
    roles = []
    for n, org in enumerate(world.locals_):
        for k, role in enumerate(("co_chair", "member", "speaker")):
            roles.append(
                ForumRole(
                    organisation=org,
                    forum=fora[(n + k * 7) % 40],
                    role=role,
                    representative="Amina Wanjiru",
                    since=world.start,
                    show_publicly=k < 2,
                )
            )
    for n, org in enumerate(world.internationals):
        for k, role in enumerate(("member", "observer")):
            roles.append(ForumRole(organisation=org, forum=fora[(n + k * 7 + 3) % 40], role=role))
    ForumRole.objects.bulk_create(roles)
    # The local partner's own fora, where it leads and speaks.
    local_index = {o.pk: n for n, o in enumerate(world.locals_)}
    links = PartnershipForum.objects.bulk_create(
        (
            PartnershipForum(
                partnership=p,
                forum=fora[(local_index[world.sides[p.pk][0]] + k * 7) % 40],
                local_aim="Be invited as a speaker on youth and civic space, not represented.",
            )
            for p in world.partnerships
            for k in range(2)
        ),
        batch_size=10_000,
    )
    ForumSupport.objects.bulk_create(
        (
            ForumSupport(
                partnership_forum=link,
                kind="travel",
                description="Travel to the forum's annual meeting",
                provided_by_id=world.sides[link.partnership_id][1],
                cost=Decimal("1200"),
            )
            for link in links[::2]
        ),
        batch_size=10_000,
    )
    sql(
        """
        INSERT INTO {visibility_ForumEvent} (partnership_id, forum_id, title, date,
            contribution, represented_joint_work, created_at)
        SELECT link.partnership_id, link.forum_id, forum.name || ' quarterly meeting',
            %(today)s::date - (30 + 20 * (link.id %% 2))::int, %(contribution)s, true, %(now)s
        FROM {visibility_PartnershipForum} link
        JOIN {visibility_Forum} forum ON forum.id = link.forum_id
        ORDER BY link.id
        """,
        {
            "today": TODAY,
            "now": world.now,
            "contribution": "Presented the youth budget memorandum; two proposals adopted.",
        },
    )
    sql(
        """
        INSERT INTO {visibility_EventAttendance} (event_id, organisation_id, people)
        SELECT e.id, l.organisation_id, 'Amina Wanjiru, two youth champions'
        FROM {visibility_ForumEvent} e
        JOIN {partnerships_PartnershipMember} l
            ON l.partnership_id = e.partnership_id AND l.role = 'local_partner'
        """
    )
    story = (
        "After a year of hearings prepared by youth champions, the county adopted three of "
        "their proposals, including a fund for youth-led enterprises. "
    ) * 2
    titles = [
        ("Young people's priorities in the county budget", True),
        ("Budget literacy sessions in schools", True),
        ("Radio debates before the hearings", False),
    ]
    sql(
        """
        INSERT INTO {visibility_Result} (partnership_id, title, text, figures, photo,
            photo_consent, created_at, updated_at, published_at)
        SELECT p.id, r.title, %(story)s, %(figures)s, '', '', %(now)s, %(now)s,
            CASE WHEN r.published THEN %(now)s END
        FROM {partnerships_Partnership} p
        CROSS JOIN unnest(%(titles)s::text[], %(published)s::bool[]) AS r(title, published)
        ORDER BY p.id
        """,
        {
            "story": story,
            "figures": "1,200 young people consulted\n3 proposals adopted",
            "now": world.now,
            "titles": [t for t, _published in titles],
            "published": [published for _title, published in titles],
        },
    )
    # Each member credited and approving through its focal point; the unpublished result
    # waits for the local partner.
    sql(
        """
        INSERT INTO {visibility_Credit} (result_id, organisation_id, is_local, name_as,
            anonymous, anonymous_label, approved_by_id, approved_at)
        SELECT r.id, m.organisation_id, m.role = 'local_partner', '', false, '',
            CASE WHEN r.published_at IS NOT NULL OR m.role <> 'local_partner' THEN f.user_id END,
            CASE WHEN r.published_at IS NOT NULL OR m.role <> 'local_partner' THEN %(now)s END
        FROM {visibility_Result} r
        JOIN {partnerships_PartnershipMember} m ON m.partnership_id = r.partnership_id
        JOIN {partnerships_Membership} f
            ON f.organisation_id = m.organisation_id AND f.is_safeguarding_focal_point
        ORDER BY r.id, m.role DESC
        """,
        {"now": world.now},
    )
    Communication.objects.bulk_create(
        (
            Communication(
                partnership=p,
                kind="post",
                title="Youth proposals adopted in the county budget",
                date=TODAY - datetime.timedelta(days=15),
                published_by_id=world.sides[p.pk][1],
            )
            for p in world.partnerships
        ),
        batch_size=10_000,
    )
    sql(
        """
        INSERT INTO {visibility_Communication_named_organisations}
            (communication_id, organisation_id)
        SELECT c.id, m.organisation_id FROM {visibility_Communication} c
        JOIN {partnerships_PartnershipMember} m ON m.partnership_id = c.partnership_id
        """
    )
    Introduction.objects.bulk_create(
        (
            Introduction(
                partnership=p,
                introduced_by_id=world.sides[p.pk][1],
                introduced_id=world.sides[p.pk][0],
                introduced_to="Nordic Governance Fund",
                target_kind="donor",
                date=TODAY - datetime.timedelta(days=50),
                outcome="proposal",
            )
            for p in world.partnerships
        ),
        batch_size=10_000,
    )
    # Versions unique to this build: the cached public pages of an earlier data set (same ids,
    # other content) are never served from Redis.
    version = int(time.time())
    PartnershipPage.objects.bulk_create(
        (
            PartnershipPage(
                partnership=p,
                title=f"Youth voices in county budgeting ({p.title})",
                summary="A local youth organisation and its partner help young people take "
                "part in county budget decisions.",
                languages=["en", "fr", "ar"],
                published_at=world.now,
                version=version,
            )
            for p in world.partnerships
        ),
        batch_size=10_000,
    )
    sql(
        """
        INSERT INTO {visibility_PartnershipPageApproval}
            (page_id, organisation_id, approved_by_id, approved_at)
        SELECT page.id, m.organisation_id, f.user_id, %(now)s
        FROM {visibility_PartnershipPage} page
        JOIN {partnerships_PartnershipMember} m ON m.partnership_id = page.partnership_id
        JOIN {partnerships_Membership} f
            ON f.organisation_id = m.organisation_id AND f.is_safeguarding_focal_point
        """,
        {"now": world.now},
    )
    PublicProfile.objects.bulk_create(
        PublicProfile(
            organisation=org,
            is_public=True,
            slug=f"organisation-{org.pk}",
            mission="Young people shape the decisions that affect them. " * 3,
            expertise="Budget advocacy\nYouth organising\nCommunity radio",
            countries=[org.country],
            languages=["en", "fr", "ar"],
            public_email=f"info@organisation-{org.pk}.example",
            version=version,
        )
        for org in world.locals_ + world.internationals
    )
    # Each local organisation endorsed by its partner in the first partnership they share.
    shared = {}
    for p in world.partnerships:
        shared.setdefault(world.sides[p.pk][0], (p, world.sides[p.pk][1]))
    Endorsement.objects.bulk_create(
        Endorsement(
            organisation_id=local,
            author_organisation_id=international,
            partnership=p,
            text="It leads; we learn from its work with young people every year.",
            shown=True,
        )
        for local, (p, international) in shared.items()
    )


def build_health(world: World) -> None:
    """Three earlier monthly snapshots of every partnership, so the trend shows: the health
    demo's readings (a little worse each month back), computed once for the benchmark
    partnership and given to all (computing them for 10,000 would take most of a minute)."""
    from health.demo import DRIFT
    from health.services import month_of
    from partnerships.health_registry import readings_for
    from partnerships.health_thresholds import status_for

    readings = readings_for(world.partnerships[:1], today=TODAY)[world.partnerships[0].pk]
    month = month_of(TODAY)
    for back, factor in zip((3, 2, 1), DRIFT, strict=True):
        day = month
        for _ in range(back):
            day = month_of(day - datetime.timedelta(days=1))
        values = {}
        for r in readings:
            if r.indicator.unit == "points":
                continue
            value = (
                None if r.value is None else (Decimal(r.value) * factor).quantize(Decimal("0.1"))
            )
            values[r.indicator.key] = {
                "value": None if value is None else str(value),
                "status": status_for(r.indicator.key, value),
            }
        sql(
            """
            INSERT INTO {health_HealthSnapshot} (partnership_id, month, readings, taken_at)
            SELECT p.id, %(month)s, %(readings)s::jsonb, %(now)s
            FROM {partnerships_Partnership} p ORDER BY p.id
            """,
            {"month": day, "readings": json.dumps(values), "now": world.now},
        )


def existing():
    """The benchmark user and partnership of a kept data set; stops if the data set cannot give
    the pages `pages()` names as `build()` would."""
    from feedback.models import Case
    from partnerships.models import Partnership, User

    name = connection.settings_dict["NAME"]
    user = User.objects.get(email="bench@example.org")
    partnership = (
        Partnership.objects.filter(members__organisation__memberships__user=user)
        .order_by("pk")
        .first()
    )
    if not Case.objects.filter(partnership=partnership).exists():
        raise SystemExit(
            f"{name} was kept by an earlier bench/pages.py, without the capacity, feedback and "
            f"visibility records: drop it (dropdb {name}) and run again to rebuild it"
        )
    # A wrong key does not fail: the page would show (and the benchmark time) the ciphertext.
    if Case.objects.values_list("text", flat=True).first().startswith("gAAAAA"):
        raise SystemExit(
            f"{name} was built with other SECRET_KEY / FIELD_ENCRYPTION_KEYS: use the ones it "
            "was built with (by default var/secret_key and the development key), or drop it"
        )
    return user, partnership


def data_set():
    """A context manager yielding (user, partnership): built afresh, or reused with BENCH_KEEP=1."""
    keep = os.environ.get("BENCH_KEEP") == "1"

    @contextlib.contextmanager
    def manager():
        with scratch_database(f"bench_pages_{PARTNERSHIPS}_{MINE}", keep=keep) as reused:
            if connection.vendor != "postgresql":
                raise SystemExit("bench/pages.py measures PostgreSQL: set DATABASE_URL")
            if reused:
                print(f"data set: reused database {connection.settings_dict['NAME']}")
                yield existing()
                return
            started, timings = time.perf_counter(), {}
            built = build(timings)
            parts = ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items())
            print(
                f"data set: {PARTNERSHIPS} partnerships, user in {MINE}, built in "
                f"{time.perf_counter() - started:.0f} s ({parts})"
            )
            yield built

    return manager()


def pages(partnership, user=None) -> dict[str, str]:
    """Page name -> path, for the benchmark partnership; public pages (see `is_public`) last."""
    from feedback.models import Case
    from visibility.models import PublicProfile

    budget = partnership.budgets.first()
    mou = partnership.mous.first()
    # A case every member may open (not the sealed sensitive one), with its history.
    case = (
        partnership.feedback_cases.exclude(kind=Case.Kind.SENSITIVE)
        .filter(status=Case.Status.IN_PROGRESS)
        .order_by("pk")
        .first()
    )
    profile = PublicProfile.objects.get(
        organisation__partnership_memberships__partnership=partnership,
        organisation__partnership_memberships__role="local_partner",
    )
    return {
        "partnership list": reverse("partnerships:list"),
        "partnership detail": partnership.get_absolute_url(),
        "budget": budget.get_absolute_url(),
        "reporting overview": reverse("partnerships:reporting", args=[partnership.pk]),
        "MoU": mou.get_absolute_url(),
        "capacity": reverse("capacity:home", args=[partnership.pk]),
        "feedback cases": reverse("feedback:cases", args=[partnership.pk]),
        "feedback case": case.get_absolute_url(),
        "visibility": reverse("visibility:partnership", args=[partnership.pk]),
        "health": reverse("health:partnership", args=[partnership.pk]),
        "portfolio": reverse("health:portfolio"),
        "public feedback form": partnership.feedback_channel.get_public_url(),
        "public profile": profile.get_absolute_url(),
        "public partnership": partnership.public_page.get_absolute_url(),
    }


# Pages for people who never log in: measured without the session cookie, against 1.2.
PUBLIC_PREFIXES = ("/f/", "/verify/", "/visibility/public/")
TARGET_PUBLIC, TARGET_SIGNED_IN = 1.2, 2.0


def is_public(url: str) -> bool:
    return url.startswith(PUBLIC_PREFIXES)


def target(url: str) -> float:
    return TARGET_PUBLIC if is_public(url) else TARGET_SIGNED_IN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


def gunicorn(app: str, port: int, env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            str(cwd),
        ],
        env=env,
        cwd=cwd,
    )


def check_page(url: str, cookie: str) -> None:
    """A signed-in page that redirects to the login page would be measured as a cheap redirect;
    a public page must answer 200 to a visitor without a session."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or "/accounts/login/" in response.url:
            who = "the signed-in" if cookie else "the public"
            raise SystemExit(f"{url} did not serve {who} page ({response.url})")


def wrk(url: str, cookie: str = "") -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url} answered errors under load:\n{out}")

    def latency(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
    }


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    with data_set() as (user, partnership):
        client, visitor = Client(), Client()
        client.force_login(user)
        targets = pages(partnership, user)
        facts = {}
        for name, url in targets.items():
            browser = visitor if is_public(url) else client
            browser.get(url)  # a browser has its CSRF cookie after its first page
            with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
                response = browser.get(url)
            # Counted now: the captured queries are a slice of the connection's log, which the
            # next request empties.
            rendered = len(queries)
            browser.get(url)
            with CaptureQueriesContext(connection) as again:
                browser.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
            facts[name] = {
                "queries": rendered,
                "again": len(again),
                "bytes": len(response.content),
            }
        # wrk sends what a signed-in browser sends: its session and CSRF cookies. Public pages
        # are fetched as a visitor: no cookie, here and under wrk.
        cookie = "; ".join(
            f"{name}={client.cookies[name].value}" for name in ("sessionid", "csrftoken")
        )
        cookies = {name: "" if is_public(url) else cookie for name, url in targets.items()}

        settings = connection.settings_dict
        database_url = (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
        var_dir = tempfile.mkdtemp(prefix="bench-pages-")
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            # The session was made in this process: the servers must sign with its key.
            "SECRET_KEY": django_settings.SECRET_KEY,
            "FIELD_ENCRYPTION_KEYS": ",".join(django_settings.SALT_KEY),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "VAR_DIR": var_dir,
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        subprocess.run([sys.executable, str(BENCH / "bare_site.py"), "setup"], env=env, check=True)
        app_port, bare_port = free_port(), free_port()
        servers = [
            gunicorn("config.wsgi:application", app_port, env, ROOT),
            gunicorn("bare_site:application", bare_port, env, BENCH),
        ]
        try:
            wait_for(app_port)
            wait_for(bare_port)
            bare_url = f"http://127.0.0.1:{bare_port}/"
            for name, url in targets.items():
                check_page(f"http://127.0.0.1:{app_port}{url}", cookies[name])
            wrk(bare_url)  # warm up both servers
            for name, url in targets.items():
                wrk(f"http://127.0.0.1:{app_port}{url}", cookies[name])
            runs = {name: [] for name in targets}
            bare_runs = {name: [] for name in targets}
            for _round in range(ROUNDS):
                for name, url in targets.items():
                    bare_runs[name].append(wrk(bare_url))
                    runs[name].append(wrk(f"http://127.0.0.1:{app_port}{url}", cookies[name]))
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=30)
            # gunicorn's persistent connections must be gone before the database is dropped.
            time.sleep(1)

    def median(values, key):
        return statistics.median(v[key] for v in values)

    print(f"wrk: 8 connections, {SECONDS} s a run, {ROUNDS} rounds, each page after a bare run")
    print(
        f"{'page':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8} "
        f"{'queries':>8} {'again':>6} {'bare/s':>8} {'ratio':>6} {'target':>7}"
    )
    met = 0
    for name, url in targets.items():
        rps, bare_rps = median(runs[name], "rps"), median(bare_runs[name], "rps")
        ratio, goal = bare_rps / rps, target(url)
        met += ratio <= goal
        print(
            f"{name:<22} {rps:>8.0f} {median(runs[name], 'p50'):>8.1f} "
            f"{median(runs[name], 'p99'):>8.1f} {facts[name]['bytes']:>8} "
            f"{facts[name]['queries']:>8} {facts[name]['again']:>6} {bare_rps:>8.0f} {ratio:>6.1f} "
            f"{goal:>6.1f}{' ' if ratio <= goal else '!'}"
        )
    print(
        f"{met} of {len(targets)} pages meet their target (public pages {TARGET_PUBLIC}, "
        f"signed-in pages {TARGET_SIGNED_IN}; ! marks a page above it)"
    )


if __name__ == "__main__":
    main()
