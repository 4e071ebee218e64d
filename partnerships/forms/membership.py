from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Mou, Organisation, Partnership, PartnershipMember
from ..widgets import DateInput
from .core import PartnershipForm


class OrganisationPicker(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Organisations you already work with."),
    )
    organisation_name = forms.CharField(
        label=_("…or its exact name"),
        required=False,
        max_length=200,
        help_text=_("Type the organisation's registered name exactly."),
    )
    role = forms.ChoiceField(label=_("Its role"), choices=PartnershipMember.Role.choices)

    def __init__(self, *args, works_with, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = works_with.exclude(pk__in=list(exclude_ids))
        self.exclude_ids = set(exclude_ids)

    def clean(self):
        cleaned = super().clean()
        chosen, name = cleaned.get("organisation"), cleaned.get("organisation_name", "").strip()
        if name and not chosen:
            chosen = Organisation.objects.filter(name__iexact=name).first()
            if chosen is None or chosen.pk in self.exclude_ids:
                self.add_error("organisation_name", _("No organisation has exactly this name."))
        cleaned["organisation"] = chosen
        return cleaned


class PartnershipCreateForm(forms.ModelForm):
    """Starts a partnership with the creator's organisation; a partner is invited, and joins
    only when its own admin accepts."""

    own_organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=Organisation.objects.none()
    )
    own_role = forms.ChoiceField(label=_("Its role"), choices=PartnershipMember.Role.choices)
    partner = forms.ModelChoiceField(
        label=_("Invite a partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Organisations you already work with."),
    )
    partner_name = forms.CharField(
        label=_("…or its exact name"),
        required=False,
        max_length=200,
        help_text=_("It becomes a member only when its own admin accepts."),
    )
    partner_role = forms.ChoiceField(
        label=_("The partner's role"),
        required=False,
        choices=[("", "—"), *PartnershipMember.Role.choices],
    )

    class Meta:
        model = Partnership
        fields = ["title", "start_date", "end_date", "local_needs", "context", "co_creation_notes"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "local_needs": forms.Textarea(attrs={"rows": 4}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "co_creation_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, own, works_with, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["own_organisation"].queryset = own
        self.fields["partner"].queryset = works_with
        if own.count() == 1:
            self.fields["own_organisation"].initial = own.first().pk

    def clean(self):
        cleaned = super().clean()
        partner, name = cleaned.get("partner"), cleaned.get("partner_name", "").strip()
        if name and not partner:
            partner = Organisation.objects.filter(name__iexact=name).first()
            if partner is None:
                self.add_error("partner_name", _("No organisation has exactly this name."))
        cleaned["partner"] = partner
        if partner and not cleaned.get("partner_role"):
            self.add_error("partner_role", _("Choose the partner's role."))
        return cleaned

    def partnership_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PartnershipEditForm(PartnershipForm):
    """The partnership's own fields; who is a member changes only on the members page."""

    active_without_mou_reason = forms.CharField(
        label=_("Why active without an MoU in force?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "A partnership is active once an MoU is in force. An admin may set it "
            "active before that by recording why."
        ),
    )

    def __init__(self, *args, is_admin=False, has_local_partner=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_admin = is_admin
        self.has_local_partner = has_local_partner
        self.original_status = self.instance.status

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status and status != self.original_status:
            if (
                status != Partnership.Status.EXPLORING
                and status != Partnership.Status.CLOSED
                and not self.has_local_partner
            ):
                self.add_error(
                    "status",
                    _(
                        "The local partner has not joined yet: the "
                        "partnership stays “Exploring” until it accepts."
                    ),
                )
            if (
                status == Partnership.Status.ACTIVE
                and not Mou.objects.filter(
                    partnership=self.instance, status=Mou.Status.IN_FORCE
                ).exists()
            ):
                reason = cleaned.get("active_without_mou_reason", "").strip()
                if not self.is_admin:
                    self.add_error(
                        "status",
                        _(
                            "No MoU is in force: only an organisation admin "
                            "can set the partnership active, with a reason."
                        ),
                    )
                elif not reason:
                    self.add_error(
                        "active_without_mou_reason",
                        _("No MoU is in force. Record why the partnership is active without one."),
                    )
        return cleaned


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
