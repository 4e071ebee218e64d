import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from health.review_pdf import dimension_svg
from health.services import partnership_health
from partnerships.models import MutualReport
from tests.budgets.helpers import make_budget

from .helpers import TODAY, make_reports

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_review_pdf_has_every_dimension_both_names_and_their_words(client, world):
    make_budget(world)
    make_reports(world, {world.local_org: [datetime.date(2026, 4, 20)]})
    MutualReport.objects.filter(organisation=world.local_org, status="submitted").update(
        progress="Youth councils met in four wards."
    )
    client.force_login(world.local_staff)
    response = client.get(reverse("health:review_pdf", args=[world.partnership.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in [
        "Establish the foundation for an equitable partnership",
        "Strengthen capacities of partners",
        "Include target groups",
        "Strengthen role and visibility",
        "Prioritise institutional support and flexibility",
    ]:
        assert heading in text, heading
    assert "Sauti Local" in text and "Nordic International" in text
    assert "Youth councils met in four wards." in text


def test_the_chart_is_svg_drawn_on_the_server_with_labels_escaped(world):
    make_budget(world)
    dimension = partnership_health(world.partnership, today=TODAY)[-1]
    svg = str(dimension_svg(dimension, rtl=False))
    assert svg.startswith("<svg") and svg.count("<rect") == 2 * len(dimension.readings)
    assert "<script" not in svg
