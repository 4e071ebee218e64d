"""A pseudo-language: every message of every catalogue the site uses (ours, Django's, the
apps') wrapped in ⟦ ⟧, so that text left outside gettext stands out on a rendered page."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

OPEN, CLOSE = "⟦", "⟧"
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
LETTER = re.compile(r"[^\W\d_]")
# Symbols that are letters to Unicode but the same in every language (Δ for a change, Σ).
SYMBOLS = re.compile(r"(?<!\w)[ΔΣ](?!\w)")


def _catalogues(language: str):
    import django

    roots = [Path(django.__file__).parent / "conf" / "locale"]
    roots += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    roots += [Path(path) for path in settings.LOCALE_PATHS]
    for root in roots:
        mo = root / language / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            yield polib.mofile(str(mo))


def build_catalogue(directory: Path, language: str) -> Path:
    """Write <directory>/<language>/LC_MESSAGES/django.mo: every msgid of `language`'s
    catalogues, translated as itself in markers. Put `directory` first in LOCALE_PATHS."""
    pseudo = polib.POFile()
    pseudo.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen = set()
    for catalogue in _catalogues(language):
        for entry in catalogue:
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or key in seen:
                continue
            seen.add(key)
            if entry.msgid_plural:
                pseudo.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgstr_plural={
                            0: f"{OPEN}{entry.msgid}{CLOSE}",
                            1: f"{OPEN}{entry.msgid_plural}{CLOSE}",
                        },
                    )
                )
            else:
                pseudo.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgstr=f"{OPEN}{entry.msgid}{CLOSE}",
                    )
                )
    target = directory / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    pseudo.save_as_mofile(str(target / "django.mo"))
    return directory


SKIPPED_TAGS = {"script", "style", "template", "noscript"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}


class VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes and labelling attributes, minus scripts,
    hidden elements and anything marked with a language of its own (the language names)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool]] = []  # per open element: skipped? own direction?
        self.chunks: list[str] = []
        self.undirected: list[str] = []  # text nodes with no dir="auto" (or ltr/rtl) around

    def _skipped(self):
        return bool(self.stack) and self.stack[-1][0]

    def _directed(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = (
            self._skipped()
            or tag in SKIPPED_TAGS
            or "hidden" in attrs
            or ("lang" in attrs and tag != "html")  # e.g. the language names
            or attrs.get("translate") == "no"  # identifiers, e.g. time zone names
            or attrs.get("type") == "hidden"
        )
        if not skipped:
            self.chunks += [
                value for name, value in attrs.items() if name in TEXT_ATTRIBUTES and value
            ]
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.chunks.append(attrs["value"])
        if tag not in VOID_TAGS:
            # Form controls and the window title are left out: their text is the browser's.
            directed = (
                self._directed()
                or (tag != "html" and "dir" in attrs)
                or tag in {"bdi", "title", "form", "select", "option", "textarea"}
            )
            self.stack.append((skipped, directed))

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipped() and data.strip():
            self.chunks.append(data)
            if not self._directed():
                self.undirected.append(" ".join(data.split()))


def data_pattern(values) -> re.Pattern:
    """Whole data values, longest first so a value goes before the shorter ones it contains."""
    values = sorted(set(values), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, values)) + r")(?!\w)")


def unmarked_text(html: str, data: re.Pattern) -> list[str]:
    """Visible text with letters that is neither inside markers nor a data value."""
    parser = VisibleText()
    parser.feed(html)
    # One text: a translated sentence may hold an element (<bdi>name</bdi>) between its
    # markers, so a message can open in one text node and close in another.
    text, previous = "\n".join(parser.chunks), None
    while previous != text:  # markers nest: a translated string inside another
        previous, text = text, MARKED.sub(" ", text)
    leftovers = []
    for line in text.split("\n"):
        line = data.sub(" ", line)
        if LETTER.search(SYMBOLS.sub(" ", line)):
            leftovers.append(" ".join(line.split()))
    return leftovers


def undirected_user_text(html: str, prose: re.Pattern) -> list[str]:
    """Text nodes holding what users wrote (`prose`) without an element of their own
    direction around them: in an Arabic page, English text would put its full stop on the
    wrong side."""
    parser = VisibleText()
    parser.feed(html)
    return [text for text in parser.undirected if prose.search(text)]


NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")


def numeric_dates(html: str) -> list[str]:
    """Dates written as numbers only (12/01/2026 reads as 12 January in most places, and as
    1 December in the United States)."""
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks if NUMERIC_DATE.search(chunk)]


DOUBLE_STOP = re.compile(r"(?<![.…])\.\s*\.(?!\.)")


def double_full_stops(html: str) -> list[str]:
    """Sentences ending twice ("at 10 a.m..", "Done..") where a value that ends with a full
    stop meets the full stop of the sentence around it; an ellipsis is fine."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(chunk.split()) for chunk in parser.chunks)
    return [text[max(0, m.start() - 40) : m.end()] for m in DOUBLE_STOP.finditer(text)]
