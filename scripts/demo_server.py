"""A throwaway copy of the site with the demo data, served on a free port: for screenshots and
page-weight measurements, never touching the developer's own database.

    with demo_server(debug=False) as base_url: ...

It uses a SQLite file in a temporary VAR_DIR (no PostgreSQL or Redis needed). With
debug=False static files are collected and served compressed by WhiteNoise, as in production.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def demo_server(*, debug: bool):
    with tempfile.TemporaryDirectory(prefix="llp-demo-") as var_dir:
        env = {
            **os.environ,
            "VAR_DIR": var_dir,
            "DATABASE_URL": f"sqlite:///{var_dir}/db.sqlite3",
            "REDIS_URL": "",
            "DEBUG": "1" if debug else "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "EMAIL_URL": "consolemail://",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        env.pop("DATABASE_URL_TEST", None)
        quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL}
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input"], **quiet)
        subprocess.run([PYTHON, "manage.py", "seed_demo"], **quiet)
        if not debug:
            subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input"], **quiet)
        port = _free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                *([] if debug else ["--insecure"]),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base_url = f"http://localhost:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=10)


def log_in(page, email, password="demo-partners-2026"):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def choose_language(page, language):
    """Through the switcher in the phone menu, as a user would; the choice is stored."""
    page.goto("/partnerships/")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.select_option("#language-select", language)
    page.wait_for_function(f"document.documentElement.lang === '{language}'")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
