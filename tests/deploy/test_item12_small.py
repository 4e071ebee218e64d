"""Issue 9, item 12: the smaller things."""

import logging
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core import mail
from django.urls import reverse

from partnerships.emails import render_email

from .conftest import ROOT

pytestmark = pytest.mark.django_db


def test_item12_plain_text_subjects_and_bodies_are_not_html_escaped():
    context = {
        "organisation": "Women's Voice & <Friends>",
        "inviter": "O'Brien",
        "role": "Staff",
        "url": "http://x/?a=1&b=2",
        "valid_days": 14,
    }
    subject, text, html = render_email("emails/invitation", context, "en")
    assert subject == "You are invited to join Women's Voice & <Friends>"
    assert "O'Brien invites you to join Women's Voice & <Friends>" in text
    assert "Women&#x27;s Voice &amp; &lt;Friends&gt;" in html  # HTML stays escaped


def test_item12_a_sent_email_keeps_apostrophes(world, django_capture_on_commit_callbacks):
    from tests.partnerships.mou_support import make_mou

    with django_capture_on_commit_callbacks(execute=True):
        make_mou(world.partnership, title="Women's Voice MoU", status="awaiting")
    assert mail.outbox
    for message in mail.outbox:
        assert message.subject == "Please sign the MoU “Women's Voice MoU”"
        assert "&#x27;" not in message.body


def test_item12_an_overlong_budget_comment_says_what_is_wrong(client, world):
    from budgets.models import Budget, BudgetComment

    budget = Budget.objects.create(
        partnership=world.partnership,
        title="Core",
        currency="EUR",
        period_start="2026-01-01",
        period_end="2026-12-31",
    )
    client.force_login(world.local_admin)
    url = reverse("budgets:comment", args=[world.partnership.pk, budget.pk])
    response = client.post(url, {"body": "x" * 5001}, follow=True)
    page = response.content.decode()
    assert "Write something first" not in page
    assert "at most 5000 characters; this one has 5001" in page.replace(",", "")
    assert not BudgetComment.objects.exists()
    page = client.post(url, {"body": "  "}, follow=True).content.decode()
    assert "Write something first." in page


def test_item12_an_overlong_report_comment_is_refused_with_the_right_message(client, world):
    import datetime

    from tests.partnerships.reporting_helpers import make_schedule, report_for

    make_schedule(world.partnership, datetime.date.today() - datetime.timedelta(days=100))
    report = report_for(world, world.local_org)
    from django.utils import timezone

    report.status = report.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    client.force_login(world.international_admin)
    url = reverse("partnerships:report_comment", args=[world.partnership.pk, report.pk])
    page = client.post(url, {"body": "y" * 5001}, follow=True).content.decode()
    assert "at most 5000 characters" in page.replace(",", "")
    assert not report.comments.exists()


def _settings_in_subprocess(code: str, **env) -> str:
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": "/tmp/item12-var",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_item12_site_url_follows_port_when_unset():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    assert _settings_in_subprocess(code, PORT="8123") == "http://localhost:8123"
    assert _settings_in_subprocess(code, PORT="8123", SITE_URL="https://p.example.org/") == (
        "https://p.example.org"
    )


def test_item12_the_file_broker_keeps_its_state_under_var(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(*sorted(settings.CELERY_BROKER_TRANSPORT_OPTIONS.values()))"
    )
    folders = _settings_in_subprocess(code, VAR_DIR=str(tmp_path)).split()
    assert len(folders) == 4
    assert all(folder.startswith(str(tmp_path)) for folder in folders)


def test_item12_permission_denied_logs_no_traceback(client, world, caplog):
    client.force_login(world.local_viewer)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("partnerships:edit", args=[world.partnership.pk]))
    assert response.status_code == 403
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("status", [403, 404])
def test_item12_error_pages_have_the_site_layout_and_are_translated(client, world, status):
    client.force_login(world.local_viewer)
    url = (
        reverse("partnerships:edit", args=[world.partnership.pk])
        if status == 403
        else "/partnerships/999999/"
    )
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == status
    page = english.content.decode()
    assert 'class="navbar' in page and f'id="error-{status}"' in page
    # A logged-in user's language is the one chosen (issue #14), not the browser's guess.
    client.cookies["django_language"] = "fr"
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in french
    title = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert title not in french


def test_item12_the_500_page_renders_without_a_database_or_context(settings):
    from django.template.loader import get_template

    page = get_template("500.html").render({})
    assert 'id="error-500"' in page and "{%" not in page


def test_item12_make_run_execs_the_runner():
    lines = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].splitlines()
    recipe = [line for line in lines[1:] if line.startswith("\t")]
    assert any("exec " in line and "run_all.py" in line for line in recipe)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has yet to read its status.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_item12_sigterm_to_the_runner_stops_every_process_it_started(tmp_path):
    # Each stand-in starts a grandchild, as runserver's autoreloader and the worker's pool do.
    child = (
        "import subprocess, sys, time, os; "
        "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
        f"open('{tmp_path}/' + sys.argv[1], 'w').write(f'{{os.getpid()}} {{g.pid}}'); "
        "time.sleep(600)"
    )
    commands = {name: [sys.executable, "-c", child, name] for name in ("web", "worker", "beat")}
    runner = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, 'scripts'); import run_all; "
            f"sys.exit(run_all.main({commands!r}))",
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.3)
    pids = [int(pid) for path in tmp_path.iterdir() for pid in path.read_text().split()]
    assert len(pids) == 6
    runner.send_signal(signal.SIGTERM)
    assert runner.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in pids if _alive(pid)]


def test_make_demo_seeds_a_fresh_sqlite_site_without_an_error(tmp_path):
    """`make run` without DATABASE_URL or REDIS_URL: SQLite and the file broker. The demo seed
    once used PostgreSQL's DISTINCT ON there, and published to a broker folder not yet made."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CI"}}
    env["VAR_DIR"] = str(tmp_path)
    done = subprocess.run(
        ["make", "--no-print-directory", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Log in with" in done.stdout
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert (tmp_path / "db.sqlite3").exists()
