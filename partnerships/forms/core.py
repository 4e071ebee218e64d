from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..emails import queue_email
from ..models import Invitation, Membership, Organisation, Partnership, PartnershipMember
from ..plain_text import render_text
from ..widgets import DateInput


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "title", "status", "start_date", "end_date", "local_needs", "context",
            "co_creation_notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "local_needs": forms.Textarea(attrs={"rows": 4}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "co_creation_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.instance.pk and not self.instance.can_move_to(status):
            raise ValidationError(
                _("A partnership cannot move from “%(old)s” to “%(new)s”."),
                params={
                    "old": self.instance.get_status_display(),
                    "new": Partnership.Status(status).label,
                },
            )
        return status


class PartnershipMemberForm(forms.ModelForm):
    class Meta:
        model = PartnershipMember
        fields = ["organisation", "role"]
        labels = {"organisation": _("Organisation")}

    def clean(self):
        cleaned = super().clean()
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        if (
            organisation
            and role == PartnershipMember.Role.LOCAL_PARTNER
            and not organisation.is_local_actor
        ):
            self.add_error(
                "role",
                _("%(org)s is not registered as a local actor, so it cannot be the local "
                  "partner.") % {"org": organisation},
            )
        return cleaned


class BaseMemberFormSet(BaseInlineFormSet):
    """The member organisations of a partnership, checked as a whole.

    Shared by the app's forms and Django admin, so the rule "at least one local partner"
    holds on every path that edits members.
    """

    def __init__(self, *args, required_organisations=None, **kwargs):
        # On creation, the creator's own organisation must be among the members, or they
        # would lock themselves out of what they just made.
        self.required_organisations = list(required_organisations or [])
        super().__init__(*args, **kwargs)

    def _kept_forms(self):
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.cleaned_data.get("organisation"):
                yield form

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = list(self._kept_forms())
        organisations = [f.cleaned_data["organisation"] for f in kept]
        if len(organisations) != len(set(organisations)):
            raise ValidationError(_("Each organisation can be a member only once."))
        if not any(f.cleaned_data["role"] == PartnershipMember.Role.LOCAL_PARTNER for f in kept):
            raise ValidationError(
                _("A partnership needs at least one local partner. Add the local organisation "
                  "with the role “Local partner”.")
            )
        if self.required_organisations and not set(organisations) & set(
            self.required_organisations
        ):
            raise ValidationError(
                _("Your own organisation must be one of the members: %(orgs)s."),
                params={"orgs": ", ".join(str(o) for o in self.required_organisations)},
            )


PartnershipMemberFormSet = inlineformset_factory(
    Partnership,
    PartnershipMember,
    form=PartnershipMemberForm,
    formset=BaseMemberFormSet,
    extra=2,
    can_delete=True,
)


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Any status")), *Partnership.Status.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country"))] + [
            (code, countries.name(code)) for code in country_codes
        ]


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if Membership.objects.filter(organisation=self.organisation, user__email=email).exists():
            raise ValidationError(
                _("%(email)s is already a member of %(org)s."),
                params={"email": email, "org": self.organisation},
            )
        return email

    def save(self, commit=True):
        self.instance.organisation = self.organisation
        return super().save(commit)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Writes the reset email to the outbox: it is sent even if the broker is down now."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        # Plain text: not HTML-escaped (a name like "O'Brien" stays as typed).
        subject = "".join(render_text(subject_template_name, context).splitlines())
        body = render_text(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name else ""
        )
        queue_email(to=to_email, user=context.get("user"), language=get_language() or "en",
                    subject=subject, text=body, html=html, sensitive=True)
