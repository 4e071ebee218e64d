import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from partnerships.models import Mou
from tests.browser import log_in, log_out

from .mou_support import ensure_questions, make_mou

pytestmark = pytest.mark.browser


def sign(page, mou, title):
    page.goto(mou.get_absolute_url())
    page.get_by_role("link", name="Sign", exact=True).click()
    page.fill("#id_title", title)
    page.check("#id_confirm")
    page.locator("#sign-form button[type=submit]").click()
    expect(page.locator("#signatures")).to_contain_text(title)


def test_both_signatories_sign_in_turn_and_download_the_pdf(page, world):
    mou = make_mou(world.partnership, status="awaiting")

    log_in(page, world.local_admin)
    sign(page, mou, "Executive Director")
    expect(page.locator("#mou-status")).to_have_text("Awaiting signatures")
    expect(page.locator("#signatures")).to_contain_text(
        f"Awaiting the signature of {world.international_org.name}"
    )
    log_out(page)

    log_in(page, world.international_admin)
    sign(page, mou, "Country Director")
    expect(page.locator("#mou-status")).to_have_text("In force")
    mou.refresh_from_db()
    assert mou.status == Mou.Status.IN_FORCE
    # Once in force nobody is offered an edit, only a new version.
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Start a new version")).to_be_visible()

    # A worker prepares the PDF (eager here); the status page then offers the file.
    page.locator("#mou-pdf").click()
    with page.expect_download() as download_info:
        page.locator("#pdf-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-v{mou.version}.pdf")
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for name in (
        world.local_admin.full_name,
        world.international_admin.full_name,
        "Executive Director",
        "Country Director",
    ):
        assert name in text
    assert mou.content_hash in text.replace(" ", "")


def test_the_reflection_chart_draws_from_static_javascript(page, world):
    from partnerships.models import ReflectionRound
    from partnerships.services.reflection import reflection_answers_submit

    round_ = ReflectionRound.objects.create(partnership=world.partnership, title="Round one")
    round_.questions.set(ensure_questions())
    questions = list(round_.questions.all())
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.local_org,
        user=world.local_admin,
        answers=[(q, 2, "") for q in questions],
    )
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.international_org,
        user=world.international_admin,
        answers=[(q, 5, "") for q in questions],
    )
    errors, missing = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A CSP refusal is a console error; a missing file is checked by URL below.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    log_in(page, world.local_viewer)
    page.goto(round_.get_absolute_url())
    # Chart.js attaches its instance to the canvas once it has drawn.
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('reflection-chart'))"
    )
    datasets = page.evaluate(
        "() => Chart.getChart(document.getElementById('reflection-chart'))"
        ".data.datasets.map(d => d.data)"
    )
    assert sorted(datasets) == [[2, 2, 2, 2, 2], [5, 5, 5, 5, 5]]
    assert not errors
    assert not [url for url in missing if "/static/" in url], missing
