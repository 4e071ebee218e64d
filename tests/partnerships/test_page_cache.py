"""Signed-in pages served again from the cache (partnerships/page_cache.py, issue #16): only
to the browser that saw them, and never after anything was written."""

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships import page_cache
from partnerships.models import Membership, Notification, Partnership

from ..factories import BudgetFactory

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def warm(client, url) -> str:
    """The first visit sets the CSRF cookie; the second is rendered and stored."""
    client.get(url)
    return client.get(url).content.decode()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def in_another_connection(work) -> None:
    """Committed by another connection, as another process's write would be."""
    errors = []

    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - re-raised in the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not errors, errors


def test_a_page_seen_again_unchanged_is_the_same_page_from_one_query(world):
    client = signed_in(world.local_admin)
    url = world.partnership.get_absolute_url()
    first = warm(client, url)
    response, queries = queries_of(client, url)
    assert response.status_code == 200
    assert response.content.decode() == first
    # The user with the unread count; the session and the page come from Redis.
    assert queries <= 1


def test_every_cached_page_is_served_from_the_cache(world):
    budget = BudgetFactory(partnership=world.partnership)
    pk = world.partnership.pk
    urls = [
        reverse("partnerships:list"),
        reverse("partnerships:reporting", args=[pk]),
        budget.get_absolute_url(),
        reverse("capacity:home", args=[pk]),
        reverse("visibility:partnership", args=[pk]),
        reverse("health:partnership", args=[pk]),
        reverse("health:portfolio"),
    ]
    client = signed_in(world.local_admin)
    for url in urls:
        warm(client, url)
        response, queries = queries_of(client, url)
        assert response.status_code == 200, url
        assert queries <= 1, url


def test_a_write_in_this_connection_not_yet_committed_is_shown(world):
    client = signed_in(world.local_admin)
    url = world.partnership.get_absolute_url()
    warm(client, url)
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Renamed in a transaction")
    assert "Renamed in a transaction" in client.get(url).content.decode()


def rename_with_update(pk, title):
    Partnership.objects.filter(pk=pk).update(title=title)


def rename_in_a_transaction(pk, title):
    with transaction.atomic():
        rename_with_update(pk, title)


def rename_in_sql(pk, title):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Partnership._meta.db_table} SET title = %s WHERE id = %s", [title, pk]
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rename", [rename_with_update, rename_in_a_transaction, rename_in_sql])
def test_a_write_committed_elsewhere_is_shown_at_once(world, rename):
    """A queryset update (autocommit), the same in a transaction (after its commit) and raw
    SQL: none of them sends a model signal."""
    client = signed_in(world.local_admin)
    url = world.partnership.get_absolute_url()
    warm(client, url)
    in_another_connection(lambda: rename(world.partnership.pk, "Renamed elsewhere"))
    assert "Renamed elsewhere" in client.get(url).content.decode()


def test_a_removed_member_is_refused_at_once(world):
    client = signed_in(world.local_staff)
    url = world.partnership.get_absolute_url()
    warm(client, url)
    Membership.objects.filter(user=world.local_staff).delete()
    assert client.get(url).status_code == 404


def test_another_browser_of_the_same_person_gets_its_own_page_and_token(world):
    url = world.partnership.get_absolute_url()
    # Both signed in first: a log-in is a write, which alone would end the first's entry.
    first = signed_in(world.local_admin)
    second = signed_in(world.local_admin, enforce_csrf_checks=True)
    second.get(url)  # its CSRF cookie
    warm(first, url)
    page = second.get(url).content.decode()
    token = CSRF_TOKEN.search(page).group(1)
    response = second.post(
        reverse("set_language"), {"language": "fr", "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def request_for(user, session_key="s" * 32, csrf="c" * 32, with_message=False):
    request = RequestFactory().get("/page/")
    request.user = user
    request.session = type("Session", (dict,), {"session_key": session_key})()
    request.COOKIES["csrftoken"] = csrf
    request._messages = FallbackStorage(request)
    if with_message:
        request._messages.add(20, "Saved.")
    return request


def test_the_next_day_has_a_page_of_its_own(world):
    # "Overdue" and "due in 3 days" change at midnight with nothing written.
    request = request_for(world.local_admin)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        today = page_cache.page_key(request, "v1")
        traveller.shift(timedelta(days=1))
        assert page_cache.page_key(request, "v1") != today


def test_a_page_that_writes_when_shown_is_rendered_every_time(world):
    shown = []

    def logs_each_visit(request):
        shown.append(1)
        Notification.objects.filter(recipient=request.user).update(read_at=timezone.now())
        return HttpResponse("page")

    view = page_cache.cached_page(logs_each_visit)
    view(request_for(world.local_admin))
    view(request_for(world.local_admin))
    assert len(shown) == 2


def test_a_person_with_a_message_waiting_gets_a_fresh_page(world):
    shown = []

    def page(request):
        shown.append(1)
        return HttpResponse("page")

    view = page_cache.cached_page(page)
    view(request_for(world.local_admin))
    view(request_for(world.local_admin))
    assert len(shown) == 1
    view(request_for(world.local_admin, with_message=True))
    assert len(shown) == 2


class Unreachable:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_pages_and_writes_go_on_when_redis_is_unreachable(world, monkeypatch):
    client = signed_in(world.local_admin)
    url = world.partnership.get_absolute_url()
    warm(client, url)
    monkeypatch.setattr(page_cache, "cache", Unreachable())
    Partnership.objects.filter(pk=world.partnership.pk).update(title="Renamed while down")
    response = client.get(url)
    assert response.status_code == 200
    assert "Renamed while down" in response.content.decode()


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "x" FROM "t"', False),
        ("  select 1", False),
        ('SAVEPOINT "s1"', False),
        ('RELEASE SAVEPOINT "s1"', False),
        ('INSERT INTO "t" VALUES (1)', True),
        ('UPDATE "t" SET a = 1', True),
        ('DELETE FROM "t"', True),
        ("WITH x AS (SELECT 1) SELECT * FROM x", False),
        ('WITH x AS (SELECT 1) UPDATE "t" SET a = 1', True),
        ('TRUNCATE "t"', True),
        ("CALL something()", True),
    ],
)
def test_what_counts_as_a_write(sql, writes):
    assert page_cache.is_write(sql) is writes


def test_page_cache_off_renders_every_time(world, settings):
    settings.PAGE_CACHE = False
    client = signed_in(world.local_admin)
    url = world.partnership.get_absolute_url()
    warm(client, url)
    _response, queries = queries_of(client, url)
    assert queries > 5


class CountingUnreachable:
    def __init__(self):
        self.tries = 0

    def set(self, *args, **kwargs):
        self.tries += 1
        raise ConnectionError("Redis is down")

    def get(self, *args, **kwargs):
        raise ConnectionError("Redis is down")


def test_a_redis_that_stops_answering_is_tried_once_per_pause_not_once_per_write(monkeypatch):
    unreachable = CountingUnreachable()
    monkeypatch.setattr(page_cache, "cache", unreachable)
    for _statement in range(50):
        page_cache.bump()
    assert unreachable.tries == 1
    monkeypatch.setattr(page_cache, "_unreachable_until", 0.0)  # the pause is over
    with pytest.raises(ConnectionError):
        # The first page read after the pause makes the change the writes skipped.
        page_cache.current_version()
    assert unreachable.tries == 2
