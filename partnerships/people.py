"""Who is who in a partnership: the one home of these rules for every app.

- The organisations a user edits for: member organisations where the user has an editor role
  (`Membership.EDITOR_ROLES`).
- Which member organisations are local actors (`PartnershipMember.LOCAL_ACTOR`).
- The people of a partnership by role: active users of its member organisations, optionally
  only editors or only signatories, only or except some organisations.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Membership, Organisation, Partnership, PartnershipMember, User


def members_of(partnership: Partnership) -> list[PartnershipMember]:
    """The partnership's member rows, organisations loaded: the list the page prefetched when
    it did (the partnership page shares one between its five sections), else one query."""
    prefetched = getattr(partnership, "_prefetched_objects_cache", {}).get("members")
    if prefetched is not None:
        return list(prefetched)
    return list(partnership.members.select_related("organisation"))


def memberships_in(user, partnership: Partnership | int) -> QuerySet[Membership]:
    """The user's memberships in the partnership's member organisations."""
    return Membership.objects.filter(
        user=user,
        organisation__partnership_memberships__partnership=partnership,
    ).select_related("organisation")


def editing(memberships: Iterable[Membership]) -> list[Organisation]:
    """Of these memberships, the organisations their user edits for."""
    return [m.organisation for m in memberships if m.can_edit]


def editable_organisations(user, partnership: Partnership | int) -> list[Organisation]:
    """The member organisations the user edits for in this partnership."""
    return editing(memberships_in(user, partnership))


def people_memberships(
    *,
    partnership: Partnership | int | None = None,
    organisation_ids: Iterable[int] | None = None,
    exclude_org_ids: Iterable[int] = (),
    editors_only: bool = False,
    signatories_only: bool = False,
) -> QuerySet[Membership]:
    """Memberships of active users, filtered by role; the base of `partnership_people`."""
    memberships = Membership.objects.filter(user__is_active=True)
    if partnership is not None:
        memberships = memberships.filter(
            organisation__partnership_memberships__partnership=partnership
        )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=list(organisation_ids))
    if exclude_org_ids:
        memberships = memberships.exclude(organisation_id__in=list(exclude_org_ids))
    if editors_only:
        memberships = memberships.filter(role__in=Membership.EDITOR_ROLES)
    if signatories_only:
        memberships = memberships.filter(is_signatory=True)
    return memberships


def partnership_people(
    partnership: Partnership | int | None = None,
    *,
    only_org_ids: Iterable[int] | None = None,
    exclude_org_ids: Iterable[int] = (),
    editors_only: bool = False,
    signatories_only: bool = False,
) -> list[User]:
    """Each person once, in a fixed order: active users of the partnership's members."""
    memberships = (
        people_memberships(
            partnership=partnership,
            organisation_ids=only_org_ids,
            exclude_org_ids=exclude_org_ids,
            editors_only=editors_only,
            signatories_only=signatories_only,
        )
        .select_related("user")
        .order_by("user_id")
    )
    return list({m.user_id: m.user for m in memberships}.values())


def local_organisation_ids(partnership: Partnership | int) -> set[int]:
    """The member organisations that count as local actors."""
    return set(
        PartnershipMember.objects.filter(
            PartnershipMember.LOCAL_ACTOR,
            partnership=partnership,
        ).values_list("organisation_id", flat=True)
    )
