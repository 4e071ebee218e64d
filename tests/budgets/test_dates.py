"""#8: one date widget for every form, rendering ISO 8601 whatever the language, because the
browser's date field drops a value such as 01/01/2027 (French, Spanish)."""

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.utils import translation

from budgets.forms import BudgetForm, ChangeRequestForm
from partnerships.forms.core import PartnershipForm
from partnerships.widgets import DateInput
from tests.factories import BudgetFactory

FORM_MODULES = [
    "budgets.forms",
    "partnerships.forms.core",
    "partnerships.forms.mou",
    "partnerships.forms.reflection",
    "partnerships.forms.reporting",
]


def _date_fields():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module_name:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, forms.DateField):
                        yield f"{name}.{field_name}", field


def test_every_date_field_uses_the_shared_widget():
    fields = dict(_date_fields())
    assert "BudgetForm.period_start" in fields and "PartnershipForm.start_date" in fields
    wrong = [name for name, field in fields.items() if type(field.widget) is not DateInput]
    assert not wrong


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "es", "ar", "en"])
def test_a_date_renders_as_iso_in_every_language(language):
    budget = BudgetFactory.build(period_start=datetime.date(2027, 1, 31), status="draft")
    with translation.override(language):
        html = str(BudgetForm(instance=budget)["period_start"])
        change_form = ChangeRequestForm(initial={"new_period_end": datetime.date(2027, 12, 31)})
        change_html = str(change_form["new_period_end"])
        partnership_html = str(
            PartnershipForm(initial={"start_date": datetime.date(2027, 1, 31)})["start_date"]
        )
    assert 'type="date"' in html and 'value="2027-01-31"' in html
    assert 'value="2027-12-31"' in change_html
    assert 'value="2027-01-31"' in partnership_html
