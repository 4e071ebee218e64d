"""No English left in other languages: every main page, as every demo role, rendered in a
pseudo-language whose every message is wrapped in ⟦ ⟧. Visible text outside the markers is a
string built outside gettext, unless it is data (names, titles, what users wrote)."""

import zoneinfo

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.utils import timezone, translation

from partnerships.models import Partnership, User
from tests.main_pages import collect, collect_public

from .pseudo import (
    build_catalogue,
    data_pattern,
    double_full_stops,
    numeric_dates,
    undirected_user_text,
    unmarked_text,
)
from .test_every_page import ROLES

# The pseudo-language takes the place of this language for the test.
PSEUDO = "fr"
DATA_APPS = ["partnerships", "capacity", "feedback", "visibility", "budgets"]


@pytest.fixture
def pseudo_language(settings, tmp_path):
    build_catalogue(tmp_path, PSEUDO)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    cache.clear()  # pages cached in a real language by earlier tests (public pages)
    yield PSEUDO
    cache.clear()  # and none cached in the pseudo-language for later tests
    translation.trans_real._translations = {}


def _strings(value):
    if isinstance(value, str):
        yield value.strip()
        yield from (line.strip() for line in value.splitlines())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _data_values():
    """Every text stored in the apps' tables (and each line of it, and the strings in JSON
    snapshots such as an MoU's parties), as one pattern."""
    values = set()
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
            ]
            for row in model.objects.values_list(*fields) if fields else []:
                for value in row:
                    values.update(s for s in _strings(value) if s)
    values.update(user.display_name for user in User.objects.all())
    # Time zone abbreviations (EAT, CET) are identifiers, printed the same in every language.
    now = timezone.now()
    values.update(
        now.astimezone(zoneinfo.ZoneInfo(zone)).tzname()
        for zone in User.objects.values_list("timezone", flat=True).distinct()
    )
    return data_pattern(values)


def _leftovers(client, pages, data_values, opened):
    """Text outside gettext on each page that is rendered in the pseudo-language. A page a
    role may not open (403, or 404 for another organisation's page) is skipped for that role;
    `opened` collects the pages that did open, so each must open for someone."""
    found = []
    for label, url in pages:
        response = client.get(url)
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, (label, url, response.status_code)
        html = response.content.decode()
        if f'<html lang="{PSEUDO}"' not in html:
            continue  # a public page offered only in its publisher's languages
        opened.add(label)
        found += [(label, text) for text in unmarked_text(html, data_values)]
    return found


@pytest.fixture
def demo_partnership(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Partnership.objects.order_by("pk").first()


def test_every_main_page_is_translated_for_every_role(client, pseudo_language, demo_partnership):
    pages = collect(demo_partnership)
    data_values = _data_values()
    found, opened = [], set()
    for role, email in ROLES:
        user = User.objects.get(email=email)
        User.objects.filter(pk=user.pk).update(language=PSEUDO)
        client.force_login(user)
        client.cookies["django_language"] = PSEUDO
        found += [
            (role, label, text) for label, text in _leftovers(client, pages, data_values, opened)
        ]
    assert opened == {label for label, _url in pages}, "pages no role could open"
    unique = sorted({(label, text) for _role, label, text in found})
    assert not unique, "Text outside gettext:\n" + "\n".join(
        f"{label}: {text!r}" for label, text in unique
    )


def test_public_pages_are_translated(client, pseudo_language, demo_partnership):
    client.cookies["django_language"] = PSEUDO
    opened = set()
    found = _leftovers(
        client,
        [
            ("log in", "/accounts/login/"),
            ("password reset", "/accounts/password_reset/"),
            *collect_public(demo_partnership),
        ],
        _data_values(),
        opened,
    )
    assert {"log in", "password reset"} <= opened
    assert not found, "Text outside gettext:\n" + "\n".join(
        f"{label}: {text!r}" for label, text in found
    )


# What people write themselves, as opposed to codes and numbers: these need dir="auto".
PROSE_FIELDS = {
    "title",
    "name",
    "full_name",
    "description",
    "body",
    "justification",
    "local_needs",
    "context",
    "co_creation_notes",
    "developments",
    "progress",
    "challenges",
    "learning",
    "requests",
    "amendment_reason",
    "decision_comment",
    "notes",
    "agreed_actions",
    "participants",
    "comment",
    "message",
    "reason",
    "summary",
    "address",
}


def _prose_values():
    values = set()
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if f.name in PROSE_FIELDS and isinstance(f, models.CharField | models.TextField)
            ]
            for row in model.objects.values_list(*fields) if fields else []:
                # Only real prose: several words with a letter, e.g. not a bare number.
                values.update(
                    line.strip()
                    for value in row
                    if value
                    for line in value.splitlines()
                    if len(line.split()) > 1
                )
    values.update(u.full_name for u in User.objects.all() if u.full_name)
    return data_pattern(values)


def test_user_text_has_its_own_direction_and_dates_are_words(client, demo_partnership):
    """In Arabic, every text a user wrote is in an element with dir="auto"; in every language
    no date is written in numbers only and no sentence ends with two full stops."""
    pages = collect(demo_partnership)
    prose = _prose_values()
    undirected, numeric, doubled = set(), set(), set()
    languages = [code for code, _name in settings.LANGUAGES]
    for index, (_role, email) in enumerate(ROLES):
        # Arabic for every role (direction); the other languages in turn (punctuation, dates).
        for language in {"ar", languages[index % len(languages)]}:
            user = User.objects.get(email=email)
            User.objects.filter(pk=user.pk).update(language=language)
            client.force_login(user)
            for label, url in pages:
                response = client.get(url)
                if response.status_code != 200:
                    continue
                html = response.content.decode()
                if language == "ar":
                    undirected.update((label, t) for t in undirected_user_text(html, prose))
                numeric.update((label, language, t) for t in numeric_dates(html))
                doubled.update((label, language, t) for t in double_full_stops(html))
    assert not undirected, 'User text without dir="auto":\n' + "\n".join(
        f"{label}: {text!r}" for label, text in sorted(undirected)
    )
    assert not numeric, "Dates in numbers only:\n" + "\n".join(map(str, sorted(numeric)))
    assert not doubled, "Two full stops:\n" + "\n".join(map(str, sorted(doubled)))
