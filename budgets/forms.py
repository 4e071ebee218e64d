from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms.comments import COMMENT_ERRORS
from partnerships.widgets import DateInput

from .models import Budget, BudgetLine, FlexibilityRule
from .services.indicators import money

MAX_CSV_BYTES = 2 * 1024 * 1024


def _currency(value: str) -> str:
    currency = (value or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ValidationError(_("Use a three-letter currency code such as EUR or KES."))
    return currency


class BudgetForm(forms.ModelForm):
    """The budget's details. Once it is in use, its currency and period are shown but not
    editable here: they change through a change request the other party approves."""

    class Meta:
        model = Budget
        fields = ["title", "currency", "period_start", "period_end"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_draft:
            for name in ("currency", "period_start", "period_end"):
                self.fields[name].disabled = True
            self.fields["currency"].help_text = _(
                "The budget is in use: request a change to alter its currency or period."
            )

    def clean_currency(self):
        return _currency(self.cleaned_data["currency"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class BudgetLineForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Why (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = BudgetLine
        fields = ["category", "organisation", "description", "amount"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["amount"].min_value = Decimal("0")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount < 0:
            raise ValidationError(_("An amount cannot be negative."))
        return amount


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Columns: category, organisation, description, amount.")
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            self.text = file.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")
            ) from None
        return file


class FlexibilityRuleForm(forms.ModelForm):
    class Meta:
        model = FlexibilityRule
        fields = ["percent_threshold", "amount_threshold"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("percent_threshold") is None and cleaned.get("amount_threshold") is None:
            raise ValidationError(_("Set a percentage, an amount, or both."))
        return cleaned


class ChangeRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )
    changes_total = forms.BooleanField(
        label=_("This request changes the total (adds new funds or releases funds)"),
        required=False,
    )
    new_currency = forms.CharField(
        label=_("New currency"),
        required=False,
        max_length=3,
        help_text=_("Only to change the budget's currency, for example to KES."),
    )
    new_period_start = forms.DateField(
        label=_("New period start"), required=False, widget=DateInput()
    )
    new_period_end = forms.DateField(label=_("New period end"), required=False, widget=DateInput())

    def clean_new_currency(self):
        value = self.cleaned_data["new_currency"]
        return _currency(value) if (value or "").strip() else ""


class LineChoiceField(forms.ChoiceField):
    """A budget line chosen from lines loaded once for the whole form set, so that a form
    with ten move rows costs the same queries as one."""

    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(required=False, **kwargs)

    def set_lines(self, lines: dict) -> None:
        self.lines = lines
        self.choices = [
            ("", self.empty_label),
            *((pk, _line_label(line)) for pk, line in lines.items()),
        ]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.lines[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None

    def validate(self, value):
        pass  # to_python accepted only the budget's own lines

    def prepare_value(self, value):
        return getattr(value, "pk", value)


class MoveForm(forms.Form):
    from_line = LineChoiceField(label=_("From line"), empty_label=_("— new funds —"))
    to_line = LineChoiceField(label=_("To line"), empty_label=_("— released from the budget —"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, required=False)

    def __init__(self, *args, lines: dict, **kwargs):
        """`lines`: the budget's lines by id, with their organisation (see `move_lines`)."""
        super().__init__(*args, **kwargs)
        self.fields["from_line"].set_lines(lines)
        self.fields["to_line"].set_lines(lines)

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(
                _(
                    "The amount must be more than zero; choose the “from” and "
                    "“to” lines to say which way the money moves."
                )
            )
        return amount

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("from_line") and not data.get("to_line") and data.get("amount") is None


def move_lines(budget) -> dict:
    """The lines every move row offers, in one query."""
    return {line.pk: line for line in budget.lines.select_related("organisation")}


def _line_label(line) -> str:
    return f"{line.description} ({line.organisation.name}, {money(line.amount)})"


MAX_MOVES = 10
# One empty row to start; "add a row" (JS, or a plain submit button without it) adds more.
MoveFormSet = forms.formset_factory(MoveForm, extra=1, max_num=MAX_MOVES, validate_max=True)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages=COMMENT_ERRORS,
    )
