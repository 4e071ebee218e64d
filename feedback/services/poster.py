"""The rights poster and leaflet: a printable PDF in one of the channel's languages, with a QR
code of the public form's address and the numbers to call or text. Rendered like the MoU, with
its static-files-only fetcher and the shipped Noto fonts."""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML

from partnerships.services.mou_pdf import STATIC_BASE, StaticFilesOnly, _font_config

from ..models import Channel
from .channel import sensitive_offered


def qr_svg(address: str) -> str:
    image = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return image.to_string(encoding="unicode")


def render_html(channel: Channel, language: str, leaflet: bool = False) -> str:
    with translation.override(language):
        return render_to_string(
            "feedback/poster_pdf.html",
            {
                "channel": channel,
                "language": language,
                "static_base": STATIC_BASE,
                "rtl": language in settings.LANGUAGES_BIDI,
                "address": channel.public_address,
                "qr": mark_safe(qr_svg(channel.public_address)),  # generated here, no user text
                "sensitive": sensitive_offered(channel),
                "leaflet": leaflet,
            },
        )


def render_pdf(
    channel: Channel,
    language: str,
    *,
    leaflet: bool = False,
    fetcher: StaticFilesOnly | None = None,
) -> bytes:
    """An A4 poster, or with `leaflet` an A5 leaflet to hand out."""
    html = render_html(channel, language, leaflet)
    return HTML(
        string=html, base_url=STATIC_BASE, url_fetcher=fetcher or StaticFilesOnly()
    ).write_pdf(font_config=_font_config())
