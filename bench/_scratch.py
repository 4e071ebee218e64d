"""What every benchmark needs: Django set up from the project's settings and a scratch database.

Importing this module sets Django up, so a benchmark imports it before any model.
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


@contextmanager
def scratch_database(name: str | None = None):
    """A fresh, migrated database beside DATABASE_URL's, dropped afterwards (test_<name> unless
    `name` is given), so a benchmark never touches real data."""
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if name:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
