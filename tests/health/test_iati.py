"""The IATI file validates against the official 2.03 activity schema (shipped in the pyIATI
0.4.1 source package, installed with --no-deps: its own pins are old)."""

import datetime
import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from budgets.models import Budget
from tests.budgets.helpers import make_budget
from tests.visibility.helpers import approve_all, make_result

pytestmark = pytest.mark.django_db


def activity_schema() -> etree.XMLSchema:
    spec = importlib.util.find_spec("iati")  # found without importing pyIATI's own deps
    assert spec is not None, "pip install --no-deps pyIATI==0.4.1"
    root = Path(next(iter(spec.submodule_search_locations)))
    xsd = root / "resources" / "standard" / "2-03" / "schemas" / "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def test_the_iati_file_validates_and_carries_roles_budgets_and_credited_results(client, world):
    budget = make_budget(world)
    Budget.objects.filter(pk=budget.pk).update(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    approve_all(world, make_result(world, title="Youth proposals adopted"))
    make_result(world, title="Not yet approved by the partners")
    client.force_login(world.local_staff)
    response = client.get(reverse("health:iati", args=[world.partnership.pk]))
    document = etree.fromstring(response.content)
    schema = activity_schema()
    assert schema.validate(document), schema.error_log
    roles = {
        (o.findtext("narrative"), o.get("role"), o.get("type"))
        for o in document.iter("participating-org")
    }
    assert roles == {
        ("Sauti Local", "4", "24"),
        ("Nordic International", "2", "21"),
        ("Nordic International", "3", "21"),
    }
    assert document.find(".//budget/value").text == "100000.00"
    titles = [r.findtext("title/narrative") for r in document.iter("result")]
    assert titles == ["Youth proposals adopted"]


def test_the_schema_refuses_a_broken_file(world):
    broken = etree.fromstring(
        b'<iati-activities version="2.03"><iati-activity><title/></iati-activity></iati-activities>'
    )
    assert not activity_schema().validate(broken)
