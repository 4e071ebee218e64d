"""The capability statement: one or two pages a local partner hands to donors.

Rendered with the MoU's safe fetcher and shipped Noto fonts; the organisation's own logo is the
one file from outside the static folder it may read, handed over as bytes, never as a path or
URL the HTML could change. Only what the public profile may show goes in.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcherResponse

from partnerships.services.mou_pdf import STATIC_BASE, StaticFilesOnly, _font_config

from ..uploads import content_type
from .public import profile_data

LOGO_URL = "https://media.invalid/logo"
# The statement is a page or two: the most recent results only (the public profile lists all).
RESULTS_SHOWN = 8


class StaticFilesAndLogo(StaticFilesOnly):
    def __init__(self, logo: bytes | None, logo_type: str):
        super().__init__()
        self.logo, self.logo_type = logo, logo_type

    def fetch(self, url, headers=None):
        if url == LOGO_URL and self.logo:
            self.fetched.append(url)
            return URLFetcherResponse(url, self.logo, {"Content-Type": self.logo_type})
        return super().fetch(url, headers)


def render_html(profile, language: str, data: dict | None = None) -> str:
    data = data or profile_data(profile, results_limit=RESULTS_SHOWN)
    with translation.override(language):
        return render_to_string(
            "visibility/capability_pdf.html",
            {
                **data,
                "static_base": STATIC_BASE,
                "logo_url": LOGO_URL if profile.logo else "",
                "rtl": language in settings.LANGUAGES_BIDI,
                "language": language,
            },
        )


def render_pdf(profile, language: str = "en") -> bytes:
    logo = None
    if profile.logo:
        with profile.logo.open("rb") as file:
            logo = file.read()
    fetcher = StaticFilesAndLogo(logo, content_type(profile.logo.name) if logo else "")
    html = render_html(profile, language)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher).write_pdf(
        font_config=_font_config()
    )
