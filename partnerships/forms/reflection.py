from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ReflectionRound
from ..widgets import DateInput

SCORES = [(i, str(i)) for i in range(1, 6)]


class ReflectionRoundForm(forms.ModelForm):
    class Meta:
        model = ReflectionRound
        fields = ["title", "held_on"]
        widgets = {"held_on": DateInput()}


class AgreedActionsForm(forms.ModelForm):
    class Meta:
        model = ReflectionRound
        fields = ["held_on", "participants", "agreed_actions"]
        widgets = {
            "held_on": DateInput(),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "agreed_actions": forms.Textarea(attrs={"rows": 6}),
        }


class ReflectionAnswersForm(forms.Form):
    """Every question of the round, each scored 1–5 with an optional comment."""

    def __init__(self, *args, questions, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.questions = list(questions)
        for question in self.questions:
            answer = existing.get(question.pk)
            self.fields[f"score_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=answer.score if answer else None,
            )
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.comment if answer else "",
            )

    def grouped(self):
        groups: dict[str, list] = {}
        for question in self.questions:
            groups.setdefault(question.get_dimension_display(), []).append(
                (question, self[f"score_{question.pk}"], self[f"comment_{question.pk}"])
            )
        return groups.items()

    def answers(self):
        return [
            (q, self.cleaned_data[f"score_{q.pk}"], self.cleaned_data[f"comment_{q.pk}"])
            for q in self.questions
        ]
