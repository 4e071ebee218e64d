from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms.comments import COMMENT_ERRORS

from .models import Budget, BudgetLine, FlexibilityRule

MAX_CSV_BYTES = 2 * 1024 * 1024


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["title", "currency", "period_start", "period_end"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError(_("Use a three-letter currency code such as EUR or KES."))
        return currency

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class BudgetLineForm(forms.ModelForm):
    reason = forms.CharField(label=_("Why (optional)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

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
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: category, organisation, description, amount."))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
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


class MoveForm(forms.Form):
    from_line = forms.ModelChoiceField(label=_("From line"), queryset=None, required=False,
                                       empty_label=_("— new funds —"))
    to_line = forms.ModelChoiceField(label=_("To line"), queryset=None, required=False,
                                     empty_label=_("— released from the budget —"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2,
                                required=False)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_line"].queryset = lines
        self.fields["to_line"].queryset = lines
        self.fields["from_line"].label_from_instance = _line_label
        self.fields["to_line"].label_from_instance = _line_label

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("The amount must be more than zero; choose the “from” and "
                                    "“to” lines to say which way the money moves."))
        return amount

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("from_line") and not data.get("to_line") and data.get("amount") is None


def _line_label(line) -> str:
    return f"{line.description} ({line.organisation.name}, {line.amount})"


MoveFormSet = forms.formset_factory(MoveForm, extra=3, max_num=10)


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000, error_messages=COMMENT_ERRORS)
