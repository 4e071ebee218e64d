"""The budget's discussion."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Budget, BudgetComment


def budget_comment_add(*, budget: Budget, user, body: str, organisation=None) -> BudgetComment:
    if not (body or "").strip():
        raise ValidationError(_("Write something first."))
    return BudgetComment.objects.create(
        budget=budget, author=user, organisation=organisation, body=body.strip()
    )
