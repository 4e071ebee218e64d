from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Adaptation, Case, Consultation, ConsultationInput, RepresentedGroup
from .services.cases import MAX_TEXT

PUBLIC_KINDS = [
    (Case.Kind.QUESTION, _("A question")),
    (Case.Kind.SUGGESTION, _("A suggestion")),
    (Case.Kind.FEEDBACK, _("Feedback on our work")),
    (Case.Kind.COMPLAINT, _("A complaint")),
]


class PublicCaseForm(forms.Form):
    # Not required on its own: a person reporting abuse may choose only what it is about.
    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"),
        required=False,
        widget=forms.RadioSelect,
        choices=PUBLIC_KINDS,
    )
    sensitive_category = forms.ChoiceField(
        label=_("If it is about abuse, fraud, someone's safety or staff misconduct"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("No"))] + list(Case.SensitiveCategory.choices),
        help_text=_("Only the safeguarding focal points will read it."),
    )
    concerns_organisation = forms.TypedChoiceField(
        label=_("Is it about the staff of one of these organisations?"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    attachment = forms.FileField(label=_("A photo or a PDF (optional)"), required=False)
    contact_consent = forms.BooleanField(
        label=_("I want to be contacted and agree that you keep my contact details"), required=False
    )
    contact = forms.CharField(
        label=_("Phone number or email (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    referral_consent = forms.BooleanField(
        label=_("If another agency can help better, my contact details may be passed on"),
        required=False,
    )
    # Hidden from people by CSS; a bot that fills every field gives itself away.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, offer_sensitive: bool, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_sensitive = offer_sensitive
        if offer_sensitive:
            self.fields["concerns_organisation"].choices = [("", _("No, or I do not know"))] + [
                (o.pk, o.name) for o in organisations
            ]
        else:
            del self.fields["sensitive_category"]
            del self.fields["concerns_organisation"]

    def clean(self):
        data = super().clean()
        if (
            not data.get("kind")
            and not data.get("sensitive_category")
            and "kind" not in self.errors
        ):
            self.add_error("kind", _("Choose what kind of message this is."))
        if data.get("contact_consent") and not data.get("contact"):
            self.add_error("contact", _("Write how we can reach you, or untick the box."))
        if data.get("contact") and not data.get("contact_consent"):
            self.add_error(
                "contact_consent", _("Tick the box if you want us to keep your contact details.")
            )
        return data

    @property
    def case_kind(self) -> str:
        if self.offer_sensitive and self.cleaned_data.get("sensitive_category"):
            return Case.Kind.SENSITIVE
        return self.cleaned_data["kind"]


class FollowUpForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=20)
    code = forms.CharField(label=_("Follow-up code"), max_length=40)


class AdditionForm(FollowUpForm):
    text = forms.CharField(
        label=_("Add information"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class StaffCaseForm(forms.Form):
    via = forms.ChoiceField(
        label=_("Received through"), choices=[c for c in Case.Via.choices if c[0] != Case.Via.WEB]
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Case.Kind.choices)
    sensitive_category = forms.ChoiceField(
        label=_("What it is about (sensitive reports)"),
        required=False,
        choices=[("", "—")] + list(Case.SensitiveCategory.choices),
    )
    concerns_organisation = forms.TypedChoiceField(
        label=_("About an organisation's staff"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=_("What the person said"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    contact_consent = forms.BooleanField(
        label=_("The person agreed to be contacted"), required=False
    )
    contact = forms.CharField(label=_("Contact details"), max_length=200, required=False)
    referral_consent = forms.BooleanField(
        label=_("The person agreed that their data go with a referral"), required=False
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerns_organisation"].choices = [("", "—")] + [
            (o.pk, o.name) for o in organisations
        ]


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response the person will see"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class ReferForm(forms.Form):
    referred_to = forms.CharField(label=_("Referred to (agency)"), max_length=200)
    with_personal_data = forms.BooleanField(
        label=_("Pass on the person's contact details (only with their consent)"), required=False
    )


class AssignForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    assignee = forms.TypedChoiceField(
        label=_("Person"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, organisations=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—")] + [(o.pk, o.name) for o in organisations]
        self.fields["assignee"].choices = [("", "—")] + [(u.pk, u.display_name) for u in people]


class ChannelForm(forms.Form):
    public_name = forms.CharField(label=_("Name shown to the public"), max_length=200)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    web_form_open = forms.BooleanField(label=_("Public web form open"), required=False)
    phone = forms.CharField(label=_("Phone (calls)"), max_length=40, required=False)
    sms = forms.CharField(label=_("SMS number"), max_length=40, required=False)
    whatsapp = forms.CharField(label=_("WhatsApp number"), max_length=40, required=False)
    suggestion_boxes = forms.CharField(
        label=_("Suggestion boxes (where)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    meetings = forms.CharField(
        label=_("Community meetings (when and where)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    acknowledge_days = forms.IntegerField(
        label=_("Acknowledge within (days)"), min_value=1, max_value=60, initial=7
    )
    respond_days = forms.IntegerField(
        label=_("Respond within (days)"), min_value=1, max_value=365, initial=30
    )
    rights_text = forms.CharField(
        label=_("Your rights"),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_(
            "What people may raise, that they may stay anonymous, what happens next and "
            "how they hear back."
        ),
    )
    wants_sensitive = forms.BooleanField(label=_("Accept sensitive reports"), required=False)
    results_public = forms.BooleanField(label=_('Publish "you said, we did"'), required=False)
    contact_retention_days = forms.IntegerField(
        label=_("Erase contact details after closing (days)"),
        min_value=1,
        max_value=3650,
        initial=90,
    )
    text_retention_days = forms.IntegerField(
        label=_("Erase case text after closing (days)"), min_value=1, max_value=3650, initial=730
    )


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["held_on", "place", "method", "purpose"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


class GroupForm(forms.ModelForm):
    class Meta:
        model = RepresentedGroup
        fields = [
            "name",
            "women",
            "men",
            "other_sex",
            "under_18",
            "age_18_59",
            "over_60",
            "with_disability",
        ]


class InputForm(forms.ModelForm):
    class Meta:
        model = ConsultationInput
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "dir": "auto"})}


class InputUseForm(forms.ModelForm):
    class Meta:
        model = ConsultationInput
        fields = ["use", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2, "dir": "auto"})}

    def clean(self):
        data = super().clean()
        if data.get("use") == ConsultationInput.Use.NOT_TAKEN and not data.get("reason"):
            self.add_error("reason", _("Say why the input was not taken."))
        return data


class AdaptationForm(forms.ModelForm):
    class Meta:
        model = Adaptation
        fields = ["what_changed", "decided_on", "decided_by", "cases", "inputs"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}),
            "what_changed": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }
        help_texts = {
            "what_changed": _(
                "Shown on the public page when it is published: "
                "write it for the community, with no one's name."
            )
        }

    def __init__(self, *args, cases, inputs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["cases"].label_from_instance = lambda c: (
            f"{c.reference} ({c.get_kind_display()})"
        )
        self.fields["inputs"].queryset = inputs
