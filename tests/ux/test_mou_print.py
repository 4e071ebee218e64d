"""The MoU PDF as partners print it: a draft says so, the date it was generated, the parties'
addresses, blank lines for those who also sign on paper, user text in its own direction."""

import datetime

import time_machine

from partnerships.services.mou_pdf import render_html, render_pdf
from tests.partnerships.mou_support import make_mou, sign_all
from tests.partnerships.test_mou_pdf import pdf_text


def _with_addresses(world):
    world.local_org.address = "Oginga Odinga Street 14\nKisumu"
    world.local_org.save(update_fields=["address"])
    world.international_org.address = "Nørrebrogade 66\nCopenhagen"
    world.international_org.save(update_fields=["address"])


@time_machine.travel(datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_a_draft_is_marked_dated_and_names_the_parties_addresses(world):
    _with_addresses(world)
    text = pdf_text(render_pdf(make_mou(world.partnership)))
    assert "Draft — not signed" in text
    assert "Generated on March 4, 2026" in text
    assert "Oginga Odinga Street 14" in text and "Nørrebrogade 66" in text
    assert "Signatures on paper" in text
    assert text.count("Place and date") == 2  # one set of blank lines per party


def test_a_version_signed_by_everyone_has_no_draft_mark(world):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    assert mou.is_locked
    assert "Draft — not signed" not in pdf_text(render_pdf(mou))


def test_user_text_in_the_pdf_takes_its_own_direction(world):
    html = render_html(make_mou(world.partnership, language="ar", transparency="Open books."))
    section = html.split('id="section-transparency"', 1)[1]
    assert '<div class="user-text" dir="auto">' in section.split("Open books.", 1)[0]
