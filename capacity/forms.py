from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partnerships.forms.core import DateInput
from partnerships.models import Organisation, User

from .models import (
    AssessmentRound,
    CapacityAction,
    Domain,
    Framework,
    LearningExchange,
    LearningNeed,
    Mentorship,
    MentorshipSession,
    PeerOrganisation,
    TargetGroupActivity,
)
from .models.framework import SCALE
from .services import assessment as assessment_services
from .services import plan as plan_services

TEXTAREA = {"rows": 2}


class LabelledModelChoiceField(forms.ModelChoiceField):
    """Shows a seeded text (domain name, framework name) in the reader's language."""

    def label_from_instance(self, obj):
        return getattr(obj, "display_name", None) or str(obj)


class RoundForm(forms.ModelForm):
    framework = LabelledModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.filter(is_active=True)
    )

    class Meta:
        model = AssessmentRound
        fields = ["title", "framework", "opened_on"]
        widgets = {"opened_on": DateInput()}


class AssessmentForm(forms.Form):
    """Every item that applies to the organisation assessed: a score on the 1–4 scale, the
    evidence behind it and a comment. A partner view may leave an item unscored."""

    def __init__(self, *args, items, levels, existing=None, is_self=True, submit=False, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.items = list(items)
        self.is_self = is_self
        self.submit = submit
        choices = [(level.value, f"{level.value} · {level.display_name}") for level in levels]
        choices = choices or [(v, str(v)) for v in SCALE]
        if not is_self:
            choices = [("", _("Cannot tell")), *choices]
        for item in self.items:
            score = existing.get(item.pk)
            self.fields[f"score_{item.pk}"] = forms.TypedChoiceField(
                label=item.display_text,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=score.score if score else None,
                error_messages={"invalid_choice": _("A score must be between 1 and 4.")},
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
                initial=score.evidence if score else "",
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs=TEXTAREA),
                initial=score.comment if score else "",
            )

    def grouped(self):
        groups: dict = {}
        for item in self.items:
            groups.setdefault(item.domain.display_name, []).append(
                (
                    item,
                    self[f"score_{item.pk}"],
                    self[f"evidence_{item.pk}"],
                    self[f"comment_{item.pk}"],
                )
            )
        return groups.items()

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            errors = assessment_services.score_errors(
                is_self=self.is_self, submit=self.submit, items=self.items, scores=self.scores()
            )
            for item_id, message in errors.items():
                self.add_error(f"score_{item_id}" if item_id else None, message)
        return cleaned

    def scores(self) -> dict:
        return {
            item.pk: (
                self.cleaned_data[f"score_{item.pk}"],
                self.cleaned_data[f"evidence_{item.pk}"],
                self.cleaned_data[f"comment_{item.pk}"],
            )
            for item in self.items
        }


class ActionForm(forms.ModelForm):
    domain = LabelledModelChoiceField(
        label=_("Domain"), queryset=Domain.objects.none(), required=False
    )

    class Meta:
        model = CapacityAction
        fields = plan_services.FIELDS
        widgets = {
            "due_date": DateInput(),
            "completed_on": DateInput(),
            "outcome": forms.Textarea(attrs=TEXTAREA),
        }

    def __init__(self, *args, partnership, organisations, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.member_ids = {o.pk for o in organisations}
        members = Organisation.objects.filter(pk__in=self.member_ids)
        self.fields["receiving"].queryset = members
        self.fields["providing"].queryset = members
        rounds = AssessmentRound.objects.filter(partnership=partnership)
        self.fields["round"].queryset = rounds
        self.fields["domain"].queryset = Domain.objects.filter(framework__is_active=True)
        self.fields["learning_need"].queryset = needs
        line_field = self.fields["budget_line"]
        line_field.queryset = plan_services.capacity_lines(partnership)
        line_field.label_from_instance = lambda line: (
            f"{line.budget.title} · {line.description} ({line.organisation.name}, "
            f"{line.amount} {line.budget.currency})"
        )
        line_field.error_messages["invalid_choice"] = _(
            "Choose a budget line of this partnership in the capacity-strengthening category."
        )
        for name in ("days", "cost"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs["min"] = 0
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("round", rounds.values_list("pk", flat=True).first())

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                plan_services.validate_action(
                    partnership=self.partnership, member_ids=self.member_ids, values=cleaned
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned


class LearningNeedForm(forms.ModelForm):
    domain = LabelledModelChoiceField(
        label=_("Domain"), required=False, queryset=Domain.objects.filter(framework__is_active=True)
    )

    class Meta:
        model = LearningNeed
        fields = ["organisation", "need", "goal", "domain", "status", "shared"]
        widgets = {"goal": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class PeerForm(forms.ModelForm):
    class Meta:
        model = PeerOrganisation
        fields = ["name", "country", "expertise", "contact"]
        widgets = {"expertise": forms.Textarea(attrs=TEXTAREA)}


class ExchangeForm(forms.ModelForm):
    class Meta:
        model = LearningExchange
        fields = [
            "held_on",
            "topic",
            "organisations",
            "peers",
            "participants",
            "learned",
            "follow_up",
        ]
        widgets = {
            "held_on": DateInput(),
            "organisations": forms.CheckboxSelectMultiple,
            "peers": forms.CheckboxSelectMultiple,
            "participants": forms.Textarea(attrs=TEXTAREA),
            "learned": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs=TEXTAREA),
        }

    def __init__(self, *args, partnership, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        self.fields["peers"].queryset = PeerOrganisation.objects.filter(partnership=partnership)


class MentorshipForm(forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["mentor", "mentee", "focus", "started_on", "is_active"]
        widgets = {"started_on": DateInput()}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            User.objects.filter(
                memberships__organisation__partnership_memberships__partnership=partnership,
                is_active=True,
            )
            .distinct()
            .order_by("full_name", "email")
        )
        for name in ("mentor", "mentee"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = lambda user: user.display_name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mentor") and cleaned.get("mentor") == cleaned.get("mentee"):
            self.add_error("mentee", _("A mentor and a mentee are two different people."))
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = MentorshipSession
        fields = ["held_on", "notes", "next_steps"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs=TEXTAREA),
            "next_steps": forms.Textarea(attrs=TEXTAREA),
        }


class TargetGroupForm(forms.ModelForm):
    class Meta:
        model = TargetGroupActivity
        fields = [
            "organisation",
            "held_on",
            "topic",
            "girls",
            "boys",
            "women",
            "men",
            "older_women",
            "older_men",
            "other",
            "with_disability",
            "notes",
        ]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )

    def clean(self):
        cleaned = super().clean()
        counts = [
            cleaned.get(name) or 0
            for name in ("girls", "boys", "women", "men", "older_women", "older_men", "other")
        ]
        if (cleaned.get("with_disability") or 0) > sum(counts):
            self.add_error(
                "with_disability", _("This cannot be more than the participants counted above.")
            )
        return cleaned
