"""The capacity section of the partnership page, in a fixed number of queries."""

from django import template
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.html import format_html

from partnerships.people import members_of

from ..models import Assessment, AssessmentRound, CapacityAction, TargetGroupActivity
from ..models.target import PARTICIPANT_FIELDS
from ..services.plan import one_sided

register = template.Library()


@register.simple_tag
def capacity_summary(partnership) -> dict:
    member_rows = members_of(partnership)
    members = {m.organisation_id for m in member_rows}
    local_ids = {m.organisation_id for m in member_rows if m.is_local_actor}
    latest = AssessmentRound.objects.filter(partnership=partnership).first()
    assessed = 0
    if latest is not None:
        assessed = len(
            members
            & set(
                Assessment.objects.filter(
                    round=latest,
                    assessor_id=F("subject_id"),
                    status=Assessment.Status.SUBMITTED,
                ).values_list("subject_id", flat=True)
            )
        )
    actions = list(
        CapacityAction.objects.filter(partnership=partnership).only(
            "receiving_id", "status", "due_date"
        )
    )
    reached = TargetGroupActivity.objects.filter(partnership=partnership).aggregate(
        **{name: Sum(name) for name, _label in PARTICIPANT_FIELDS}
    )
    today = timezone.localdate()
    open_actions = [a for a in actions if a.is_open]
    return {
        "latest": latest,
        "members": len(members),
        "assessed": assessed,
        "open_actions": len(open_actions),
        "overdue": sum(1 for a in open_actions if a.due_date < today),
        "reached": sum(value or 0 for value in reached.values()),
        "one_sided": one_sided(actions, local_ids, members),
    }


@register.simple_tag
def score_cell(cell) -> str:
    """One score with its evidence and comment. A tag, not template code: a round of five
    organisations and sixty items has 1,500 cells."""
    if cell is None:
        return "–"
    html = format_html("<strong>{}</strong>", cell.score) if cell.score else "–"
    if cell.evidence:
        html = format_html(
            '{}<br><span class="small break-words" dir="auto">{}</span>', html, cell.evidence
        )
    if cell.comment:
        html = format_html(
            '{}<br><span class="small fst-italic break-words" dir="auto">{}</span>',
            html,
            cell.comment,
        )
    return html
