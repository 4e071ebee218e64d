"""The one way views reach partnership data.

Every object that belongs to a partnership is fetched through `partnerships_for(user)` or
`scoped(...)`, so a user who is not a member of one of the partnership's organisations gets a
404 (we do not reveal that the object exists) and a viewer who tries to change it gets a 403.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.http import Http404

from .models import Membership, Organisation, Partnership, PartnershipMember
from .people import editing


def organisations_for(user) -> QuerySet[Organisation]:
    """Organisations the user belongs to."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def partnerships_for(user) -> QuerySet[Partnership]:
    if not user.is_authenticated:
        return Partnership.objects.none()
    # Through the membership table alone: joining organisations as well made PostgreSQL plan
    # every page's scope query several times longer for the same rows.
    own = Membership.objects.filter(user=user).values("organisation_id")
    member_of = PartnershipMember.objects.filter(organisation_id__in=own)
    return Partnership.objects.filter(pk__in=member_of.values("partnership_id"))


def scoped(queryset: QuerySet, user, partnership_field: str = "partnership") -> QuerySet:
    """Restrict any partnership-owned queryset to the partnerships the user may see."""
    return queryset.filter(**{f"{partnership_field}__in": partnerships_for(user)})


def visible_organisations_for(user) -> QuerySet[Organisation]:
    """The user's organisations and those they work with in a partnership."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    partner_orgs = PartnershipMember.objects.filter(partnership__in=partnerships_for(user)).values(
        "organisation_id"
    )
    own_orgs = Membership.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=partner_orgs) | Q(pk__in=own_orgs))


@dataclass
class PartnershipAccess:
    """What one user may do in one partnership, worked out once per request."""

    partnership: Partnership
    memberships: list[Membership] = field(default_factory=list)

    @property
    def organisations(self) -> list[Organisation]:
        return [m.organisation for m in self.memberships]

    @property
    def organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self.memberships}

    @property
    def editable_organisations(self) -> list[Organisation]:
        """The member organisations this user edits for (the rule: partnerships.people)."""
        return editing(self.memberships)

    @property
    def can_edit(self) -> bool:
        return bool(self.editable_organisations)

    @property
    def is_admin(self) -> bool:
        return any(m.role == Membership.Role.ADMIN for m in self.memberships)

    def signatory_for(self) -> list[Organisation]:
        return [m.organisation for m in self.memberships if m.is_signatory]

    def require_edit(self) -> None:
        if not self.can_edit:
            raise PermissionDenied


MEMBERSHIP_FIELDS = [f.attname for f in Membership._meta.concrete_fields]


def access_for(user, partnership_id, *, edit: bool = False) -> PartnershipAccess:
    """The partnership (404 if out of the user's scope) and the user's standing in it.

    One query, which every partnership page runs: the partnership's member organisations in
    which the user has a membership (the rule of `people.memberships_in`), each row carrying the
    partnership, the organisation and the membership. No row: not the user's partnership."""
    if not user.is_authenticated:
        raise Http404
    rows = (
        PartnershipMember.objects.filter(
            partnership_id=partnership_id, organisation__memberships__user=user
        )
        .select_related("partnership", "organisation")
        .annotate(
            **{
                f"viewer_{name}": F(f"organisation__memberships__{name}")
                for name in MEMBERSHIP_FIELDS
            }
        )
        .order_by("organisation__name")
    )
    memberships = []
    partnership = None
    for row in rows:
        partnership = row.partnership
        membership = Membership.from_db(
            rows.db,
            MEMBERSHIP_FIELDS,
            [getattr(row, f"viewer_{name}") for name in MEMBERSHIP_FIELDS],
        )
        membership.organisation = row.organisation
        memberships.append(membership)
    if partnership is None:
        raise Http404
    access = PartnershipAccess(partnership=partnership, memberships=memberships)
    if edit:
        access.require_edit()
    return access
