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
def scratch_database(name: str | None = None, *, keep: bool = False):
    """A fresh, migrated database beside DATABASE_URL's, dropped afterwards (test_<name> unless
    `name` is given), so a benchmark never touches real data.

    With `keep`, an existing database of that name is reused as it is and left in place: building
    10,000 partnerships takes minutes, and profiling means measuring the same data many times.
    Yields True when the database was reused (the caller then skips building its data)."""
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if name:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    test_name = connection.creation._get_test_db_name()
    if keep and _database_exists(test_name):
        connection.close()
        connection.settings_dict["NAME"] = test_name
        yield True
        connection.close()
        return
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield False
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _database_exists(name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None
