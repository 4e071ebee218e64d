import datetime
from dataclasses import dataclass, field
from statistics import mean

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionResponse,
    ReflectionRound,
)
from ..models.reflection import Dimension


@transaction.atomic
def reflection_round_create(
    *, partnership, user, title: str, held_on: datetime.date | None = None
) -> ReflectionRound:
    round_ = ReflectionRound.objects.create(
        partnership=partnership, created_by=user, title=title, held_on=held_on
    )
    round_.questions.set(ReflectionQuestion.objects.filter(is_active=True))
    return round_


@transaction.atomic
def reflection_answers_submit(
    *, round_id: int, organisation, user, answers: list[tuple]
) -> ReflectionResponse:
    """One organisation's answers, (question, score, comment) each; refused once the round is
    complete, since the partners then see each other's answers."""
    # Lock the round so that two partners submitting at once both see the other's row.
    round_ = ReflectionRound.objects.select_for_update().get(pk=round_id)
    if round_.is_complete:
        raise ValidationError(_("Every partner has answered; the answers can no longer change."))
    response, _created = ReflectionResponse.objects.update_or_create(
        round=round_, organisation=organisation, defaults={"submitted_by": user}
    )
    response.answers.all().delete()
    ReflectionAnswer.objects.bulk_create(
        ReflectionAnswer(response=response, question=question, score=score, comment=comment)
        for question, score, comment in answers
    )
    return response


@transaction.atomic
def reflection_actions_save(
    *, round_id: int, held_on: datetime.date | None, participants: str, agreed_actions: str
) -> ReflectionRound:
    """The session the partners held on a complete round, and what they agreed."""
    round_ = ReflectionRound.objects.select_for_update().get(pk=round_id)
    if not round_.is_complete:
        raise ValidationError(_("Actions are agreed once every partner has answered."))
    round_.held_on, round_.participants, round_.agreed_actions = (
        held_on,
        participants,
        agreed_actions,
    )
    round_.save(update_fields=["held_on", "participants", "agreed_actions"])
    return round_


def _gap(values):
    values = [v for v in values if v is not None]
    return round(max(values) - min(values), 2) if len(values) > 1 else None


@dataclass
class QuestionRow:
    question: ReflectionQuestion
    answers: list = field(default_factory=list)  # one ReflectionAnswer or None per organisation
    gap: float | None = None


@dataclass
class DimensionRow:
    code: str
    label: str
    means: list = field(default_factory=list)  # one mean or None per organisation
    gap: float | None = None
    questions: list = field(default_factory=list)


def results(round_: ReflectionRound) -> dict:
    """Answers side by side, the perception gap per question and per dimension."""
    members = sorted(
        round_.partnership.members.select_related("organisation"),
        key=lambda m: (not m.is_local_partner, m.role, m.organisation.name),
    )
    organisations = [m.organisation for m in members]
    answers = {
        (a.response.organisation_id, a.question_id): a
        for a in ReflectionAnswer.objects.filter(response__round=round_).select_related("response")
    }
    questions = list(round_.questions.order_by("order", "pk"))
    dimensions = []
    for code, label in Dimension.choices:
        rows = []
        for question in (q for q in questions if q.dimension == code):
            row_answers = [answers.get((org.pk, question.pk)) for org in organisations]
            rows.append(
                QuestionRow(
                    question, row_answers, _gap([a.score if a else None for a in row_answers])
                )
            )
        if not rows:
            continue
        means = []
        for i in range(len(organisations)):
            scores = [r.answers[i].score for r in rows if r.answers[i]]
            means.append(round(mean(scores), 2) if scores else None)
        dimensions.append(DimensionRow(code, str(label), means, _gap(means), rows))
    chart = {
        "labels": [d.label for d in dimensions],
        "datasets": [
            {"label": org.name, "data": [d.means[i] for d in dimensions]}
            for i, org in enumerate(organisations)
        ],
        "gaps": [d.gap for d in dimensions],
    }
    return {"organisations": organisations, "dimensions": dimensions, "chart": chart}
