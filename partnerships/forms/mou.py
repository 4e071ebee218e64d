from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import DecisionArea, Mou, Organisation
from ..models.decisions import MATRIX_NOTES_MAX_LENGTH, NOTES_LIMITS
from ..widgets import DateInput


class MouForm(forms.ModelForm):
    class Meta:
        model = Mou
        fields = [
            "title",
            "language",
            "term_start",
            "term_end",
            "decision_making",
            "accountability",
            "transparency",
            "resources",
            "communication",
            "representation",
        ]
        widgets = {
            "term_start": DateInput(),
            "term_end": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in [
                    "decision_making",
                    "accountability",
                    "transparency",
                    "resources",
                    "communication",
                    "representation",
                ]
            },
        }

    def clean(self):
        # Checked against the database row, not the instance the form is changing.
        if (
            self.instance.pk
            and not Mou.objects.filter(
                pk=self.instance.pk, status__in=[Mou.Status.DRAFT, Mou.Status.AWAITING_SIGNATURES]
            ).exists()
        ):
            raise ValidationError(_("An MoU in force cannot be altered; start a new version."))
        return super().clean()


class SignForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Signing for"), empty_label=None)
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    title = forms.CharField(label=_("Your title or function"), max_length=200)
    content_hash = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read this version and sign it on behalf of my organisation."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class DecisionMatrixForm(forms.Form):
    """One row per decision area: who decides, and notes."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        current = {row.area: row for row in DecisionArea.objects.filter(partnership=partnership)}
        self.rows = []
        for area, label in DecisionArea.Area.choices:
            row = current.get(area)
            decider = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("Not agreed yet"))] + list(DecisionArea.Decider.choices),
                initial=row.decider if row else "",
            )
            notes = forms.CharField(
                label=_("Notes"),
                required=False,
                initial=row.notes if row else "",
                max_length=MATRIX_NOTES_MAX_LENGTH,
                validators=NOTES_LIMITS[1:],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"decider_{area}"] = decider
            self.fields[f"notes_{area}"] = notes
            self.rows.append((area, label))

    def bound_rows(self):
        return [
            (label, self[f"decider_{area}"], self[f"notes_{area}"]) for area, label in self.rows
        ]

    def clean(self):
        cleaned = super().clean()
        for area, _label in self.rows:
            if cleaned.get(f"notes_{area}") and not cleaned.get(f"decider_{area}"):
                self.add_error(f"decider_{area}", _("Say who decides, or leave the notes empty."))
        return cleaned

    def areas(self) -> dict[str, tuple[str, str]]:
        return {
            area: (self.cleaned_data[f"decider_{area}"], self.cleaned_data[f"notes_{area}"])
            for area, _label in self.rows
        }
