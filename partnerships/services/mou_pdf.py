"""The MoU as a PDF, rendered by WeasyPrint from an HTML template with print CSS.

WeasyPrint would otherwise fetch any URL the HTML or CSS names (file://, http://); the fetcher
here serves the app's own static files and nothing else, so no text a user typed can make the
server read a local file or call out to the network.
"""

import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..models import DecisionArea, Mou, PartnershipMember

# Not a real host (.invalid is reserved): only a name the fetcher recognises.
STATIC_BASE = "https://static.invalid/"


class StaticFilesOnly(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"https"}, allow_redirects=False)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = None
        if url.startswith(STATIC_BASE):
            relative = unquote(url[len(STATIC_BASE) :].split("?")[0].split("#")[0])
            try:
                path = finders.find(relative)
            except Exception:  # SuspiciousFileOperation for "../" and the like
                path = None
        if not path:
            self.refused.append(url)
            raise ValueError(f"Refused to fetch {url!r}: not one of the app's static files.")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})


def matrix_rows(mou: Mou, blocks: bool = False) -> list[dict]:
    areas = dict(DecisionArea.Area.choices)
    deciders = dict(DecisionArea.Decider.choices)
    return [
        {
            "area": areas.get(row["area"], row["area"]),
            "decider": deciders.get(row["decider"], row["decider"]),
            "notes": text_blocks(row["notes"]) if blocks else row["notes"],
        }
        for row in mou.decision_matrix
    ]


def text_blocks(text: str) -> list[list[str]]:
    """Paragraphs (split on blank lines) of lines. Each line is printed as a block of its own:
    WeasyPrint lays out a long paragraph with line breaks in it in quadratic time, a block
    per line in linear time (bench/pdf_abuse.py)."""
    paragraphs, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def render_html(mou: Mou, signatures=None) -> str:
    if signatures is None:
        # Only what was recorded at signing is printed (organisation_name, not the live name).
        signatures = list(mou.signatures.all())
    with translation.override(mou.language):
        return render_to_string(
            "partnerships/mou_pdf.html",
            {
                "mou": mou,
                "matrix": matrix_rows(mou, blocks=True),
                "sections": [
                    (name, label, text_blocks(text)) for name, label, text in mou.sections()
                ],
                "signatures": signatures,
                "static_base": STATIC_BASE,
                "rtl": mou.language in settings.LANGUAGES_BIDI,
                "role_labels": dict(_party_roles()),
                "generated_at": timezone.now(),
            },
        )


def _party_roles():
    return PartnershipMember.Role.choices


_local = threading.local()


def _font_config() -> FontConfiguration:
    # Loading the @font-face fonts into Fontconfig is a fifth of a render; a configuration
    # keeps the fonts it loaded, so each thread reuses one (Pango's font map is not shared
    # between threads). Only the app's own fonts ever get in, through StaticFilesOnly.
    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def render_pdf(mou: Mou, signatures=None, fetcher: StaticFilesOnly | None = None) -> bytes:
    fetcher = fetcher or StaticFilesOnly()
    html = render_html(mou, signatures)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher).write_pdf(
        font_config=_font_config()
    )
