"""Where one page spends its time: cProfile over repeated requests, in-process, on the data set
that `BENCH_KEEP=1 python bench/pages.py` kept.

Usage: DEBUG=0 ALLOWED_HOSTS=testserver SECRET_KEY=... FIELD_ENCRYPTION_KEYS=... VAR_DIR=...
       python bench/profile_page.py <page name or path> [requests=200] [partnerships=10000]
       [mine=500]
(VAR_DIR holding collected static files; SECRET_KEY and FIELD_ENCRYPTION_KEYS those the data set
was built with, as feedback cases are encrypted with them.) Prints the mean time a request
in-process, the queries, the share of time by area (templates, ORM, database driver,
translation...) and pyinstrument's call tree (PROFILE_ALL=1 shows library frames too). Page
names are those bench/pages.py prints; public pages are requested without logging in.
"""

import os
import sys
import time
from pathlib import Path

from _scratch import scratch_database  # first: it sets Django up
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import teardown_test_environment  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

if len(sys.argv) < 2:
    raise SystemExit(__doc__)
TARGET = sys.argv[1]
ARGS = [int(a) for a in sys.argv[2:]]
REQUESTS, PARTNERSHIPS, MINE = (ARGS + [200, 10_000, 500][len(ARGS) :])[:3]
SHOW_ALL = os.environ.get("PROFILE_ALL") == "1"  # library frames too


def main():
    sys.argv[1:] = [str(PARTNERSHIPS), str(MINE)]
    import pages as bench_pages  # reads its own arguments from sys.argv

    name = f"bench_pages_{PARTNERSHIPS}_{MINE}"
    with scratch_database(name, keep=True) as reused:
        if not reused:
            raise SystemExit(f"no kept data set {name}: run BENCH_KEEP=1 python bench/pages.py")
        # The test environment instruments every template render: not what production runs.
        teardown_test_environment()
        user, partnership = bench_pages.existing()
        urls = bench_pages.pages(partnership, user)
        url = urls.get(TARGET, TARGET)
        client = Client()
        if not bench_pages.is_public(url):  # public pages are measured as a visitor
            client.force_login(user)
        for _ in range(5):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = []

        def record(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(url)
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(REQUESTS):
            client.get(url)
        plain = (time.perf_counter() - started) / REQUESTS
        # CPU time of this process: steadier than wall time on a machine doing other work.
        cpu = (time.process_time() - cpu_started) / REQUESTS
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(REQUESTS):
                client.get(url)
        print(
            f"{url}: {plain * 1000:.2f} ms a request in-process ({cpu * 1000:.2f} ms CPU), "
            f"{len(queries)} queries, "
            f"{len(response.content)} bytes"
        )
        for sql in queries:
            print(f"  query: {sql[:200]}")
        print_by_area(profiler.last_session)
        print(profiler.output_text(unicode=True, show_all=SHOW_ALL, time="percent_of_total"))


AREAS = (
    ("templates", ("django/template/", "django/templatetags/", "templatetags/")),
    ("forms", ("django/forms/", "crispy_forms/", "crispy_bootstrap5/")),
    ("translation", ("django/utils/translation/", "gettext.py")),
    ("database driver", ("psycopg/",)),
    ("ORM", ("django/db/",)),
    ("urls", ("django/urls/",)),
    ("sessions and auth", ("django/contrib/sessions/", "django/contrib/auth/", "django_otp/")),
    ("middleware", ("middleware", "whitenoise/", "csp/", "axes/", "simple_history/")),
)
PROJECT = str(Path(__file__).resolve().parent.parent)


def print_by_area(session):
    """Own time by area (the first area whose path fragment matches a frame's file)."""
    totals: dict[str, float] = {}
    others: dict[str, float] = {}

    def walk(frame, parent_path=""):
        own = frame.total_self_time
        # Self time and built-ins have no file of their own: they count for their caller.
        path = frame.file_path if frame.file_path and frame.file_path[0] != "<" else parent_path
        area = next(
            (name for name, parts in AREAS if any(part in path for part in parts)),
            "project code" if path.startswith(PROJECT) and "-packages" not in path else "other",
        )
        totals[area] = totals.get(area, 0.0) + own
        if area == "other":
            others[path] = others.get(path, 0.0) + own
        for child in frame.children:
            walk(child, path)

    walk(session.root_frame())
    total = sum(totals.values()) or 1
    for area, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {area:<20} {seconds / total:6.1%}")
    for path, seconds in sorted(others.items(), key=lambda item: -item[1])[:8]:
        print(f"    other: {path.split('-packages/')[-1]:<50} {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
