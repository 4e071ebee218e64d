"""Who sees which case. One home for the sealing rule of sensitive cases.

Ordinary cases are seen by every member of the partnership's organisations (viewers read only).
A sensitive case is seen by the safeguarding focal points of the member organisations and by no
one else: not other staff, not organisation admins, not superusers (Django admin shows its
metadata only). A sensitive case about one member organisation is hidden from everyone in that
organisation until a focal point of another member shares it with them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from partnerships.access import PartnershipAccess, access_for, scoped
from partnerships.models import Membership, Organisation

from .models import Case


def focal_point_org_ids(access: PartnershipAccess) -> set[int]:
    return {m.organisation_id for m in access.memberships if m.is_safeguarding_focal_point}


def is_focal_point(access: PartnershipAccess) -> bool:
    return bool(focal_point_org_ids(access))


def visible_cases(access: PartnershipAccess) -> QuerySet[Case]:
    cases = Case.objects.filter(partnership=access.partnership)
    if not is_focal_point(access):
        return cases.exclude(kind=Case.Kind.SENSITIVE)
    not_about_them = (
        Q(concerns_organisation__isnull=True)
        | Q(shared_with_concerned_at__isnull=False)
        | ~Q(concerns_organisation__in=access.organisation_ids)
    )
    return cases.filter(~Q(kind=Case.Kind.SENSITIVE) | not_about_them)


def sealed_cases_counted(access: PartnershipAccess) -> int:
    """How many sensitive cases the partnership holds, for a count and nothing else: a case
    about one of the user's own organisations that is not yet shared with it is left out, as
    it is not admitted to exist for them."""
    about_them = Q(concerns_organisation__in=access.organisation_ids) & Q(
        shared_with_concerned_at__isnull=True
    )
    return (
        Case.objects.filter(partnership=access.partnership, kind=Case.Kind.SENSITIVE)
        .exclude(about_them)
        .count()
    )


def may_see(access: PartnershipAccess, case: Case) -> bool:
    if not case.is_sensitive:
        return True
    if not is_focal_point(access):
        return False
    return (
        case.concerns_organisation_id is None
        or case.shared_with_concerned_at is not None
        or case.concerns_organisation_id not in access.organisation_ids
    )


def may_handle(access: PartnershipAccess, case: Case) -> bool:
    if case.is_sensitive:
        return may_see(access, case)
    return access.can_edit


def case_for(user, pk, *, edit: bool = False) -> tuple[Case, PartnershipAccess]:
    """The case and the user's standing; 404 when the user may not see it (a sealed case is
    not admitted to exist), 403 when they may see it but not handle it."""
    case = get_object_or_404(scoped(Case.objects.select_related("partnership"), user), pk=pk)
    access = access_for(user, case.partnership_id)
    if not may_see(access, case):
        raise Http404
    if edit and not may_handle(access, case):
        raise PermissionDenied
    return case, access


class Recipients:
    """Who is told about cases, worked out for many cases from one query.

    Ordinary case: the assignee, otherwise the editors of the assigned organisation, otherwise
    the editors of every member organisation. Sensitive case: the focal points of the member
    organisations, minus everyone in the organisation it concerns until it is shared with them.
    """

    def __init__(self, partnership_ids):
        self.rows = list(
            Membership.objects.filter(
                user__is_active=True,
                organisation__partnership_memberships__partnership_id__in=set(partnership_ids),
            ).values_list(
                "user_id",
                "organisation_id",
                "role",
                "is_safeguarding_focal_point",
                "organisation__partnership_memberships__partnership_id",
            )
        )

    def for_case(self, case: Case) -> list[int]:
        rows = [r for r in self.rows if r[4] == case.partnership_id]
        if case.is_sensitive:
            users = {user for user, _, _, focal, _ in rows if focal}
            if case.concerns_organisation_id and case.shared_with_concerned_at is None:
                users -= {user for user, org, *_ in rows if org == case.concerns_organisation_id}
            return sorted(users)
        if case.assignee_id:
            return [case.assignee_id]
        return sorted(
            {
                user
                for user, org, role, _, _ in rows
                if role in Membership.EDITOR_ROLES and org == (case.assigned_organisation_id or org)
            }
        )


def sensitive_recipient_ids(case: Case) -> list[int]:
    """The focal points who may see this sensitive case now."""
    return Recipients([case.partnership_id]).for_case(case)


def handler_ids(case: Case) -> list[int]:
    return Recipients([case.partnership_id]).for_case(case)


def _without_focal_point(partnership_id):
    return Organisation.objects.filter(
        partnership_memberships__partnership_id=partnership_id
    ).exclude(memberships__is_safeguarding_focal_point=True)


def organisations_missing_focal_point(partnership_id) -> list[Organisation]:
    return list(_without_focal_point(partnership_id).order_by("name"))


def focal_point_missing() -> Exists:
    """The same rule as a subquery on a row with a `partnership_id` (a channel): the public
    form learns it with its channel, in one query."""
    return Exists(_without_focal_point(OuterRef("partnership_id")))
