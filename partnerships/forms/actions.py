from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgreedAction, JointIntervention, Organisation, ReportingExemption, User
from ..widgets import DateInput


class AgreedActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner_organisation = forms.ModelChoiceField(
        label=_("Organisation responsible"), queryset=Organisation.objects.none()
    )
    owner = forms.ModelChoiceField(
        label=_("Person responsible"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("Status"), choices=AgreedAction.Status.choices, initial=AgreedAction.Status.OPEN
    )
    intervention = forms.ModelChoiceField(
        label=_("Joint intervention"), queryset=JointIntervention.objects.none(), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, partnership, creating=True, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(
            partnership_memberships__partnership=partnership
        )
        self.fields["owner_organisation"].queryset = organisations
        self.fields["owner"].queryset = User.objects.filter(
            memberships__organisation__in=organisations, is_active=True
        ).distinct()
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        self.fields["intervention"].queryset = partnership.interventions.all()
        if creating:
            del self.fields["status"]


class InterventionForm(forms.ModelForm):
    class Meta:
        model = JointIntervention
        fields = ["title", "start_date", "end_date", "status", "local_needs", "target_groups"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "local_needs": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
        }


class ReportingExemptionForm(forms.ModelForm):
    class Meta:
        model = ReportingExemption
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
