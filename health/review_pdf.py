"""The annual partnership review as a PDF: every dimension's indicators with a server-side SVG
chart, the symmetry table, and each organisation's own words from its latest mutual report.

Rendered by WeasyPrint with the MoU PDF's fetcher (the app's static files only, so no text a
user typed can make the server fetch a file or a URL) and its shipped Noto fonts.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from weasyprint import HTML

from partnerships.models import MutualReport, Partnership
from partnerships.queries import first_of_each
from partnerships.services.mou_pdf import STATIC_BASE, StaticFilesOnly, _font_config, text_blocks

from .services import DimensionHealth, chart_value, partnership_health, symmetry_table

COLOURS = {"on_track": "#198754", "attention": "#fd7e14", "no_data": "#9aa0a6"}
BAR_WIDTH, LABEL_WIDTH, ROW = 300, 230, 22
WORDS_LIMIT = 1500


def dimension_svg(dimension: DimensionHealth, *, rtl: bool) -> str:
    """A horizontal bar per indicator on a 0-100 scale, coloured by status; drawn here, not by
    a browser, so the PDF needs no script."""
    rows = []
    for n, reading in enumerate(dimension.readings):
        y = n * ROW
        value = chart_value(reading) or 0
        width = BAR_WIDTH * value / 100
        x_bar = 0 if rtl else LABEL_WIDTH
        x_label = BAR_WIDTH + 6 if rtl else 0
        anchor = "start"
        if rtl:
            x_bar = BAR_WIDTH - width
        rows.append(
            f'<text x="{x_label}" y="{y + 15}" font-size="9" text-anchor="{anchor}">'
            f"{escape(str(reading.indicator.label)[:48])}</text>"
            f'<rect x="{x_bar + (0 if rtl else 0)}" y="{y + 4}" width="{width:.1f}" height="14" '
            f'fill="{COLOURS[reading.status]}"/>'
            f'<rect x="{0 if rtl else LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" height="14" '
            f'fill="none" stroke="#ccc" stroke-width="0.5"/>'
        )
    height = max(1, len(dimension.readings)) * ROW + 4
    width = BAR_WIDTH + LABEL_WIDTH
    return mark_safe(  # noqa: S308  every interpolated text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans, Noto Sans Arabic">'
        + "".join(rows)
        + "</svg>"
    )


def own_words(partnership: Partnership) -> list[dict]:
    """Each organisation's latest submitted mutual report: progress and challenges, in its
    own words."""
    reports = (
        MutualReport.objects.filter(
            period__partnership=partnership, status=MutualReport.Status.SUBMITTED
        )
        .select_related("organisation", "period")
        .order_by("organisation_id", "-period__start", "-submitted_at")
    )
    return [
        {
            "organisation": r.organisation,
            "period": r.period,
            "progress": text_blocks(r.progress[:WORDS_LIMIT]),
            "challenges": text_blocks(r.challenges[:WORDS_LIMIT]),
        }
        for r in first_of_each(reports, "organisation_id").values()
    ]


def render_html(partnership: Partnership, *, today: datetime.date, language: str) -> str:
    rtl = language in settings.LANGUAGES_BIDI
    with translation.override(language):
        dimensions = partnership_health(partnership, today=today)
        members, symmetry = symmetry_table(partnership, today=today)
        return render_to_string(
            "health/review_pdf.html",
            {
                "partnership": partnership,
                "today": today,
                "members": members,
                "dimensions": [(d, dimension_svg(d, rtl=rtl)) for d in dimensions],
                "symmetry": symmetry,
                "words": own_words(partnership),
                "static_base": STATIC_BASE,
                "rtl": rtl,
                "language": language,
            },
        )


def render_pdf(partnership: Partnership, *, today: datetime.date, language: str) -> bytes:
    html = render_html(partnership, today=today, language=language)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=StaticFilesOnly()).write_pdf(
        font_config=_font_config()
    )
