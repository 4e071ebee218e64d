from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ForumRole, ForumSupport, PartnershipForum
from .cache import invalidate_organisations


@transaction.atomic
def forum_link(*, partnership, forum, local_aim: str) -> PartnershipForum:
    link, _created = PartnershipForum.objects.update_or_create(
        partnership=partnership, forum=forum, defaults={"local_aim": local_aim}
    )
    return link


def support_add(
    *, link: PartnershipForum, kind: str, description: str, provided_by, cost=None, budget_line=None
) -> ForumSupport:
    if cost is not None and cost < 0:
        raise ValidationError(_("A cost cannot be negative."))
    if budget_line is not None and budget_line.budget.partnership_id != link.partnership_id:
        raise ValidationError(_("This budget line belongs to another partnership."))
    if not link.partnership.members.filter(organisation=provided_by).exists():
        raise ValidationError(_("Only a member of the partnership can provide support."))
    return ForumSupport.objects.create(
        partnership_forum=link,
        kind=kind,
        description=description,
        provided_by=provided_by,
        cost=cost,
        budget_line=budget_line,
    )


@transaction.atomic
def forum_role_save(
    *,
    organisation,
    forum,
    role: str,
    representative: str = "",
    since=None,
    show_publicly: bool = False,
) -> ForumRole:
    forum_role, _created = ForumRole.objects.update_or_create(
        organisation=organisation,
        forum=forum,
        defaults={
            "role": role,
            "representative": representative,
            "since": since,
            "show_publicly": show_publicly,
        },
    )
    invalidate_organisations([organisation.pk])
    return forum_role
