from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine

from .models import (
    Communication,
    Credit,
    Forum,
    ForumEvent,
    ForumRole,
    ForumSupport,
    Introduction,
    PublicProfile,
    Result,
)
from .uploads import LOGO_MAX_BYTES, PHOTO_MAX_BYTES, clean_image

DATE = forms.DateInput(attrs={"type": "date"})
LANGUAGE_CHOICES = settings.LANGUAGES


class ForumLinkForm(forms.Form):
    forum = forms.ModelChoiceField(
        label=_("A forum already in the register"), queryset=Forum.objects.all(), required=False
    )
    name = forms.CharField(label=_("Or a new forum: its name"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "---"), *Forum.Kind.choices], required=False
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", "---"), *Forum.Level.choices], required=False
    )
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    country = Forum._meta.get_field("country").formfield(required=False)
    local_aim = forms.CharField(
        label=_("The local partner's aim there"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("forum"):
            missing = [name for name in ("name", "kind", "level") if not cleaned.get(name)]
            if missing:
                raise ValidationError(
                    _(
                        "Choose a forum from the register, or give the new "
                        "forum's name, kind and level."
                    )
                )
        return cleaned


class SupportForm(forms.ModelForm):
    class Meta:
        model = ForumSupport
        fields = ["kind", "description", "provided_by", "cost", "budget_line"]

    def __init__(self, *args, partnership, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provided_by"].queryset = organisations
        self.fields["budget_line"].queryset = BudgetLine.objects.filter(
            budget__partnership=partnership
        ).select_related("budget")
        self.fields["budget_line"].label_from_instance = lambda line: (
            f"{line.budget.title}: {line.description}"
        )

    def clean_cost(self):
        cost = self.cleaned_data["cost"]
        if cost is not None and cost < Decimal("0"):
            raise ValidationError(_("A cost cannot be negative."))
        return cost


class EventForm(forms.ModelForm):
    class Meta:
        model = ForumEvent
        fields = ["title", "date", "forum", "contribution", "represented_joint_work"]
        widgets = {"date": DATE, "contribution": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations, fora, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        self.fields["forum"].queryset = fora
        present = {}
        if self.instance.pk:
            present = {a.organisation_id: a.people for a in self.instance.attendances.all()}
        for org in self.organisations:
            self.fields[f"attended_{org.pk}"] = forms.CharField(
                label=_("Who attended from %(org)s") % {"org": org.name},
                max_length=300,
                required=False,
                initial=present.get(org.pk, ""),
                help_text=_("Leave empty if nobody from this organisation was there."),
            )

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and date > timezone.localdate() and any(self.attendance().values()):
            raise ValidationError(
                _(
                    "Nobody can have attended an event that is still to come: "
                    "leave attendance empty or check the date."
                )
            )
        return cleaned

    def attendance(self) -> dict:
        return {
            org: (self.cleaned_data.get(f"attended_{org.pk}") or "").strip()
            for org in self.organisations
        }


def _image_field(label, max_bytes):
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        # Interpolated when shown, in the reader's language; `%` on a lazy string at import
        # time would freeze it in English.
        help_text=lazy(_image_help, str)(max_bytes),
    )


def _image_help(max_bytes):
    return gettext("JPEG, PNG or WebP; at most %(size)s.") % {"size": filesizeformat(max_bytes)}


class ResultForm(forms.ModelForm):
    photo = _image_field(_("Photo"), PHOTO_MAX_BYTES)
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    credited = forms.ModelMultipleChoiceField(
        label=_("Organisations credited"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Local partners are listed first. Each one approves how it is named before "
            "anything is published."
        ),
    )

    class Meta:
        model = Result
        fields = ["title", "text", "figures", "photo_consent"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "figures": forms.Textarea(attrs={"rows": 3}),
            "photo_consent": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["credited"]
            if not self.instance.photo:
                del self.fields["remove_photo"]
        else:
            del self.fields["remove_photo"]
            self.fields["credited"].queryset = organisations
            self.fields["credited"].initial = [o.pk for o in organisations]

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return clean_image(upload, max_bytes=PHOTO_MAX_BYTES) if upload else None

    def clean(self):
        cleaned = super().clean()
        has_photo = cleaned.get("photo") or (
            self.instance.photo and not cleaned.get("remove_photo")
        )
        if has_photo and not (cleaned.get("photo_consent") or "").strip():
            self.add_error("photo_consent", _("Record who consented to publishing the photo."))
        return cleaned


class CreditForm(forms.ModelForm):
    class Meta:
        model = Credit
        fields = ["name_as", "anonymous", "anonymous_label"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous") and not (cleaned.get("anonymous_label") or "").strip():
            self.add_error(
                "anonymous_label",
                _(
                    "Describe the organisation without naming it, for example “a local women's "
                    "rights organisation”."
                ),
            )
        return cleaned


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = Communication
        fields = ["kind", "title", "date", "url", "published_by", "named_organisations"]
        widgets = {"date": DATE, "named_organisations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_by"].queryset = organisations
        self.fields["named_organisations"].queryset = organisations


class IntroductionForm(forms.ModelForm):
    class Meta:
        model = Introduction
        fields = [
            "introduced_by",
            "introduced",
            "introduced_to",
            "target_kind",
            "date",
            "outcome",
            "notes",
        ]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["introduced_by"].queryset = organisations
        self.fields["introduced"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("introduced_by") and cleaned.get("introduced_by") == cleaned.get(
            "introduced"
        ):
            self.add_error("introduced", _("An organisation cannot introduce itself."))
        if cleaned.get("date") and cleaned["date"] > timezone.localdate():
            self.add_error("date", _("Log an introduction once it has happened."))
        return cleaned


class ProfileForm(forms.ModelForm):
    logo = _image_field(_("Logo"), LOGO_MAX_BYTES)
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the profile"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Visitors can read the profile's page labels in these languages."),
    )

    class Meta:
        model = PublicProfile
        fields = [
            "is_public",
            "slug",
            "mission",
            "expertise",
            "countries",
            "languages",
            "show_website",
            "public_email",
        ]
        labels = {"is_public": _("Publish the profile (anyone can see it, without logging in)")}
        widgets = {
            "mission": forms.Textarea(attrs={"rows": 3}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return clean_image(upload, max_bytes=LOGO_MAX_BYTES) if upload else None


class ForumRoleForm(forms.ModelForm):
    class Meta:
        model = ForumRole
        fields = ["forum", "role", "representative", "since", "show_publicly"]
        widgets = {"since": DATE}
        labels = {"forum": _("Forum")}

    def clean_since(self):
        since = self.cleaned_data.get("since")
        if since and since > timezone.localdate():
            raise ValidationError(_("This date is in the future."))
        return since


class PageForm(forms.Form):
    title = forms.CharField(label=_("Public title"), max_length=200)
    summary = forms.CharField(
        label=_("Public summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the page"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


class EndorsementForm(forms.Form):
    author = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("Endorse"), queryset=None)
    text = forms.CharField(
        label=_("Endorsement"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown with your organisation's name if the endorsed organisation chooses to show it."
        ),
    )

    def __init__(self, *args, authors, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = authors
        self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("author") and cleaned.get("author") == cleaned.get("organisation"):
            self.add_error("organisation", _("An organisation cannot endorse itself."))
        return cleaned
