"""Telling the people of a partnership about its budgets. Who is who (who edits for which
organisation, the people by role) has one home for every app: partnerships/people.py."""

from partnerships.notify import notify
from partnerships.people import editable_organisations, partnership_people

__all__ = ["editable_organisations", "notify_budget_change", "partnership_people"]


def notify_budget_change(users, *, budget, message, params: dict, status: str, url: str) -> None:
    """In-app and email notice about a change request; `status` picks the email's wording."""
    notify(
        users,
        message=message,
        params=params,
        url=url,
        partnership=budget.partnership,
        email_template="emails/budget_change",
        email_context={
            "budget": budget.title,
            "partnership": budget.partnership.title,
            "status": status,
            **{k: str(v) for k, v in params.items()},
        },
    )
