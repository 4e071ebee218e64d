"""Every language the app offers is complete, and what runs is what was translated.

The compiled catalogues (.mo) are committed so that `make run` needs no gettext tools; these
tests catch a catalogue left untranslated or a .po edited without recompiling.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


def catalogue(language, kind):
    path = LOCALE / language / "LC_MESSAGES" / f"django.{kind}"
    return polib.pofile(str(path)) if kind == "po" else polib.mofile(str(path))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    po = catalogue(language, "po")
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:3]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language):
    def pairs(entries):
        return {
            (e.msgctxt, e.msgid, e.msgstr or tuple(sorted(e.msgstr_plural.items())))
            for e in entries
            if e.msgid and not e.obsolete and "fuzzy" not in e.flags
        }

    po, mo = catalogue(language, "po"), catalogue(language, "mo")
    stale = pairs(po) - pairs(mo)
    assert not stale, f"{language}: django.mo is older than django.po; run `make messages`"


def test_arabic_pages_render_translated_and_right_to_left(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    sign_in = polib.pofile(str(LOCALE / "ar/LC_MESSAGES/django.po")).find("Log in").msgstr
    html = client.get("/accounts/login/").content.decode()
    assert 'dir="rtl"' in html
    assert sign_in and sign_in in html
