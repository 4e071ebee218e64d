"""An organisation's admins manage the organisation themselves: profile, roles, signatories,
safeguarding focal points, members. Each change is recorded with who made it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Membership, Organisation, OrganisationEvent
from .events import organisation_event_record, tell

Action = OrganisationEvent.Action
PROFILE_FIELDS = [
    "name",
    "country",
    "kind",
    "website",
    "description",
    "mission",
    "expertise",
    "languages",
    "logo",
]


def _require_admin(organisation, actor) -> None:
    if not Membership.objects.filter(
        organisation=organisation, user=actor, role=Membership.Role.ADMIN
    ).exists():
        raise PermissionDenied(_("Only an admin of the organisation can change it."))


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor, **values) -> Organisation:
    """Change profile fields; `values` holds only fields from PROFILE_FIELDS."""
    _require_admin(organisation, actor)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [name for name, value in values.items() if getattr(organisation, name) != value]
    if not changed:
        return organisation
    for name in changed:
        setattr(organisation, name, values[name])
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    labels = ", ".join(str(Organisation._meta.get_field(name).verbose_name) for name in changed)
    organisation_event_record(
        organisation=organisation, action=Action.PROFILE, actor=actor, detail=labels
    )
    return organisation


def _lock_memberships(organisation) -> list[Membership]:
    # Every membership of the organisation, locked: two admins demoting each other at once
    # must not both succeed and leave nobody in charge.
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("pk")
    )


def _check_an_admin_remains(memberships, *, without=None, demoted=None):
    remaining = [
        m
        for m in memberships
        if m.pk != without and not (m.pk == demoted) and m.role == Membership.Role.ADMIN
    ]
    if not remaining:
        raise ValidationError(
            _("An organisation needs at least one admin: name another admin first."),
            code="last_admin",
        )


@transaction.atomic
def membership_update(
    *,
    membership_id: int,
    organisation: Organisation,
    actor,
    role: str,
    is_signatory: bool,
    is_safeguarding_focal_point: bool,
) -> Membership:
    _require_admin(organisation, actor)
    if role not in Membership.Role.values:
        raise ValidationError(
            _("“%(role)s” is not a role. Choose admin, staff or viewer."),
            params={"role": role},
            code="unknown_role",
        )
    memberships = _lock_memberships(organisation)
    membership = next((m for m in memberships if m.pk == membership_id), None)
    if membership is None:
        raise Membership.DoesNotExist
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        _check_an_admin_remains(memberships, demoted=membership.pk)
    events = []
    name = membership.user.display_name
    if membership.role != role:
        events.append(
            (Action.ROLE, f"{membership.get_role_display()} → {Membership.Role(role).label}")
        )
    if membership.is_signatory != is_signatory:
        events.append((Action.SIGNATORY_ON if is_signatory else Action.SIGNATORY_OFF, ""))
    if membership.is_safeguarding_focal_point != is_safeguarding_focal_point:
        events.append((Action.FOCAL_ON if is_safeguarding_focal_point else Action.FOCAL_OFF, ""))
    membership.role = role
    membership.is_signatory = is_signatory
    membership.is_safeguarding_focal_point = is_safeguarding_focal_point
    membership.save(update_fields=["role", "is_signatory", "is_safeguarding_focal_point"])
    for action, detail in events:
        organisation_event_record(
            organisation=organisation, action=action, actor=actor, subject_name=name, detail=detail
        )
    if any(action == Action.SIGNATORY_ON for action, _detail in events):
        tell(
            [membership.user],
            message=gettext_lazy(
                "%(actor)s named you an authorised signatory of %(organisation)s: you may now sign "
                "agreements such as the MoU for it."
            ),
            params={"actor": actor.display_name, "organisation": organisation.name},
            url=organisation.get_absolute_url(),
        )
    return membership


@transaction.atomic
def membership_remove(*, membership_id: int, organisation: Organisation, actor) -> None:
    _require_admin(organisation, actor)
    memberships = _lock_memberships(organisation)
    membership = next((m for m in memberships if m.pk == membership_id), None)
    if membership is None:
        raise Membership.DoesNotExist
    _check_an_admin_remains(memberships, without=membership.pk)
    name = membership.user.display_name
    membership.delete()
    organisation_event_record(
        organisation=organisation, action=Action.REMOVED, actor=actor, subject_name=name
    )
