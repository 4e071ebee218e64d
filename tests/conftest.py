"""Shared fixtures.

CI sets DATABASE_URL and REDIS_URL (see .ci/run); there, tests that need Redis, a worker or
Chromium must run, never skip. On a laptop without those servers they are skipped instead.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.utils import timezone, translation

from config.celery import app as celery_app
from partnerships import page_cache
from partnerships.models import Membership, Organisation, Partnership, User

from .factories import (
    InternationalOrganisationFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    UserFactory,
)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", shutil.which("chromium") or "/usr/bin/chromium")


def require(condition: bool, reason: str):
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but {reason}")
    pytest.skip(reason)


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    require(bool(url), "REDIS_URL is not set")
    return url


@pytest.fixture
def chromium_path():
    require(os.path.exists(CHROMIUM), f"no Chromium at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Tasks run in-process unless a test asks for the real worker."""
    if "celery_worker" in request.fixturenames:
        yield
        return
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def celery_worker(redis_url, transactional_db):
    """A real Celery worker, in a thread of this process, consuming from the real Redis."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connection

    def close_worker_connection(**kwargs):
        # The worker thread's own connection would keep the test database from being dropped.
        connection.close()

    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = redis_url
    task_postrun.connect(close_worker_connection, weak=False)
    try:
        with start_worker(
            celery_app,
            perform_ping_check=False,
            pool="solo",
            loglevel="WARNING",
            shutdown_timeout=10,
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_worker_connection)


@pytest.fixture(autouse=True)
def _default_language_and_time_zone():
    """A request through the test client activates its user's language and time zone for the
    thread, as it does per request in production; the next test must not inherit them."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _page_cache_reachable():
    """A test that took Redis away pauses the page cache's version changes in this process
    (partnerships.page_cache.RETRY_AFTER); the next test must not inherit the pause."""
    yield
    page_cache._unreachable_until, page_cache._missed = 0.0, False


@pytest.fixture(autouse=True)
def _email_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def password():
    from .factories import PASSWORD

    return PASSWORD


@dataclass
class World:
    """A partnership between a local and an international organisation, with people in
    every role, and an unrelated organisation whose user must see none of it."""

    partnership: Partnership
    local_org: Organisation
    international_org: Organisation
    local_admin: User
    local_staff: User
    local_viewer: User
    international_admin: User
    outsider: User


@pytest.fixture
def world(db) -> World:
    local_org = OrganisationFactory(name="Sauti Local")
    international_org = InternationalOrganisationFactory(name="Nordic International")
    partnership = PartnershipFactory(title="Shared work")
    PartnershipMemberFactory(partnership=partnership, organisation=local_org)
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=international_org,
        role="international_partner",
    )

    def member(org, role, **extra):
        return MembershipFactory(organisation=org, role=role, **extra).user

    outsider_org = OrganisationFactory(name="Unrelated Org")
    return World(
        partnership=partnership,
        local_org=local_org,
        international_org=international_org,
        local_admin=member(local_org, Membership.Role.ADMIN, is_signatory=True),
        local_staff=member(local_org, Membership.Role.STAFF),
        local_viewer=member(local_org, Membership.Role.VIEWER),
        international_admin=member(international_org, Membership.Role.ADMIN, is_signatory=True),
        outsider=member(outsider_org, Membership.Role.ADMIN, is_signatory=True),
    )


@pytest.fixture
def user(db):
    return UserFactory()


pytest_plugins = ["tests.browser"]
