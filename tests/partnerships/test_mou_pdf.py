import io

import pytest
from pypdf import PdfReader

from partnerships.services.mou_pdf import StaticFilesOnly, render_pdf

from .mou_support import make_mou, sign_all
from .pdf_support import download_pdf

HEADINGS = [
    "Decision-making processes and responsibilities",
    "Accountability structures",
    "Transparency principles",
    "Joint resource mobilisation and sharing of resources and capacities",
    "Communication",
    "External representation",
    "Decision-making agreement",
    "Signatures",
]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Line breaks inside a heading or the hash fall where the page is full; join on spaces.
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_has_every_heading_every_signatory_and_the_hash(
    client, world, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    client.force_login(world.local_viewer)
    text = pdf_text(download_pdf(client, mou, django_capture_on_commit_callbacks))
    compact = text.replace(" ", "")
    for heading in HEADINGS:
        assert heading in text, heading
    for user in (world.local_admin, world.international_admin):
        assert user.full_name in text
    assert mou.content_hash in compact
    assert world.local_org.name in text and world.international_org.name in text


def test_french_and_arabic_text_come_out_as_real_glyphs(world):
    mou = make_mou(
        world.partnership,
        language="ar",
        transparency="Les partenaires partagent leurs budgets : été, élève, garçon.",
        communication="يتواصل الشركاء كل شهر",
    )
    text = pdf_text(render_pdf(mou))
    assert "été, élève, garçon" in text
    # pypdf returns Arabic in visual or logical order depending on the font's mapping; the
    # letters themselves must be there, not missing-glyph boxes.
    for word in ["يتواصل", "الشركاء"]:
        assert word in text or word[::-1] in text


def test_html_in_mou_text_is_printed_as_text_and_nothing_outside_static_is_fetched(world):
    payload = '<img src="file:///etc/passwd"> <b>bold</b> <link rel="stylesheet" href="http://example.com/x.css">'
    mou = make_mou(world.partnership, accountability=payload)
    fetcher = StaticFilesOnly()
    text = pdf_text(render_pdf(mou, fetcher=fetcher))
    assert '<img src="file:///etc/passwd">' in text
    assert "<b>bold</b>" in text
    assert "root:" not in text
    assert fetcher.refused == []  # escaped, so nothing even asked for it
    assert fetcher.fetched  # the stylesheet and fonts come from static files
    assert all(url.startswith("https://static.invalid/") for url in fetcher.fetched)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/font.ttf",
        "https://static.invalid/../config/settings.py",
        "https://static.invalid/%2e%2e/%2e%2e/etc/passwd",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    fetcher = StaticFilesOnly()
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_a_shipped_font():
    response = StaticFilesOnly().fetch("https://static.invalid/fonts/NotoSansArabic-Regular.ttf")
    assert response.read(4) in (b"\x00\x01\x00\x00", b"true", b"OTTO")
