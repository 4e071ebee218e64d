"""Each logged-in page's throughput against a bare Django page, side by side.

Builds a scratch PostgreSQL database with PARTNERSHIPS partnerships (two members each, an MoU in
force, a reporting schedule with four periods and both reports, a budget of 20 lines) and one
organisation admin whose organisation is in MINE of them. Serves the app (DEBUG=0, gunicorn,
2 workers) and `bench/bare_site.py` (one model, one query, 50 rows through a base template),
then runs wrk (8 connections) against the bare page and each page in turn, ROUNDS times, so
both see the same machine load. Prints requests per second, p50, p99, bytes, queries and the
ratio bare/page (lower is better; 1.0 is as fast as bare Django).

Usage: python bench/pages.py [partnerships=10000] [mine=500] [seconds=5] [rounds=2]
Needs DATABASE_URL pointing at PostgreSQL, wrk and gunicorn. With BENCH_KEEP=1 the data set is
kept as database bench_pages_<partnerships>_<mine> and reused by the next run (and by
bench/profile_page.py); drop it with `dropdb` when done.
"""

import contextlib
import datetime
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

ARGS = [int(a) for a in sys.argv[1:]]
PARTNERSHIPS, MINE, SECONDS, ROUNDS = (ARGS + [10_000, 500, 5, 2][len(ARGS) :])[:4]
ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TODAY = datetime.date.today()


def build():
    """The data set, in bulk; returns the benchmark user and one of their partnerships."""
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
        cursor.execute("ANALYZE")
    return user, partnerships[0]


def existing():
    """The benchmark user and partnership of a kept data set."""
    from partnerships.models import Partnership, User

    user = User.objects.get(email="bench@example.org")
    partnership = Partnership.objects.filter(members__organisation__memberships__user=user)
    return user, partnership.order_by("pk").first()


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
            started = time.perf_counter()
            built = build()
            print(
                f"data set: {PARTNERSHIPS} partnerships, user in {MINE}, built in "
                f"{time.perf_counter() - started:.0f} s"
            )
            yield built

    return manager()


def pages(partnership, user=None) -> dict[str, str]:
    budget = partnership.budgets.first()
    mou = partnership.mous.first()
    return {
        "partnership list": reverse("partnerships:list"),
        "partnership detail": partnership.get_absolute_url(),
        "budget": budget.get_absolute_url(),
        "reporting overview": reverse("partnerships:reporting", args=[partnership.pk]),
        "MoU": mou.get_absolute_url(),
    }


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


def check_signed_in(url: str, cookie: str) -> None:
    """A page that redirects to the login page would be measured as a cheap redirect."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or "/accounts/login/" in response.url:
            raise SystemExit(f"{url} did not serve the signed-in page ({response.url})")


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
        client = Client()
        client.force_login(user)
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        targets = pages(partnership)
        facts = {}
        for name, url in targets.items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
            facts[name] = {"queries": len(queries), "bytes": len(response.content)}

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
            for url in targets.values():
                check_signed_in(f"http://127.0.0.1:{app_port}{url}", cookie)
            wrk(bare_url)  # warm up both servers
            for url in targets.values():
                wrk(f"http://127.0.0.1:{app_port}{url}", cookie)
            runs = {name: [] for name in targets}
            bare_runs = {name: [] for name in targets}
            for _round in range(ROUNDS):
                for name, url in targets.items():
                    bare_runs[name].append(wrk(bare_url))
                    runs[name].append(wrk(f"http://127.0.0.1:{app_port}{url}", cookie))
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
        f"{'page':<20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>8} "
        f"{'queries':>8} {'bare/s':>8} {'ratio':>6}"
    )
    for name in targets:
        rps, bare_rps = median(runs[name], "rps"), median(bare_runs[name], "rps")
        print(
            f"{name:<20} {rps:>8.0f} {median(runs[name], 'p50'):>8.1f} "
            f"{median(runs[name], 'p99'):>8.1f} {facts[name]['bytes']:>8} "
            f"{facts[name]['queries']:>8} {bare_rps:>8.0f} {bare_rps / rps:>6.1f}"
        )


if __name__ == "__main__":
    main()
