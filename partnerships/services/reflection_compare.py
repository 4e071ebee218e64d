"""Reflection rounds compared: has the perception gap narrowed since the previous round?"""

from dataclasses import dataclass

from ..models import ReflectionRound
from .reflection import results


@dataclass
class GapChange:
    label: str
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(self.now - self.before, 2)


def previous_round(round_: ReflectionRound) -> ReflectionRound | None:
    return (
        ReflectionRound.objects.filter(
            partnership_id=round_.partnership_id, created_at__lt=round_.created_at
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def rounds_compare(*, current: ReflectionRound, previous: ReflectionRound) -> dict:
    """The gap per dimension and per question, now and in the previous round; a question
    asked in one round only shows a dash for the other."""
    now, before = results(current), results(previous)
    before_dims = {d.code: d for d in before["dimensions"]}
    before_questions = {
        row.question.pk: row.gap for d in before["dimensions"] for row in d.questions
    }
    dimensions, questions = [], []
    for dim in now["dimensions"]:
        old = before_dims.get(dim.code)
        dimensions.append(GapChange(dim.label, old.gap if old else None, dim.gap))
        for row in dim.questions:
            questions.append(
                (
                    dim.label,
                    GapChange(row.question.text, before_questions.get(row.question.pk), row.gap),
                )
            )
    return {"dimensions": dimensions, "questions": questions}
