"""Joining and leaving a partnership, only with consent (issue 9, item 2).

- Starting a partnership makes only the creator's own organisation a member; every partner is
  invited, and joins when its own admin accepts.
- "At least one local partner" while partners are still invited: a partnership may be started
  when the local partner is either the creator's organisation or an organisation invited as
  local partner. It stays "exploring" until a local partner has actually joined
  (`partnership_has_local_partner`; see PartnershipEditForm), and no removal or departure may
  leave a partnership that has had one without one.
- A member leaves when its own admin says so. Another member can only propose the removal;
  it is carried out once every other member organisation's admin has agreed.
- Invitation emails carry no text written by the inviter: only the names of the two
  organisations and a link. What the partnership is about is shown in the app, to the invited
  organisation's admins, who decide.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    MemberRemoval,
    Membership,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipInvitation,
    PartnershipMember,
)
from .events import admins_of, partnership_event_record, tell
from .mou import mou_parties_changed

Action = PartnershipEvent.Action
LOCAL = PartnershipMember.Role.LOCAL_PARTNER


def admin_organisation_ids(user) -> set[int]:
    return set(
        Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values_list(
            "organisation_id", flat=True
        )
    )


def _check_role(organisation: Organisation, role: str) -> None:
    if role not in PartnershipMember.Role.values:
        raise ValidationError(
            _("“%(role)s” is not a role in a partnership."),
            params={"role": role},
            code="unknown_role",
        )
    if role == LOCAL and not organisation.is_local_actor:
        raise ValidationError(
            _("%(org)s is not registered as a local actor, so it cannot be the local partner."),
            params={"org": organisation.name},
            code="not_local",
        )


def partnership_has_local_partner(partnership: Partnership) -> bool:
    return partnership.members.filter(role=LOCAL).exists()


def _member_ids(partnership) -> set[int]:
    return set(partnership.members.values_list("organisation_id", flat=True))


@transaction.atomic
def partnership_create(
    *,
    actor,
    organisation: Organisation,
    role: str,
    fields: dict,
    partner: Organisation | None = None,
    partner_role: str = "",
) -> Partnership:
    """Start a partnership with the actor's organisation as its one member, and invite the
    partner named, if any."""
    if organisation.pk not in admin_organisation_ids(actor):
        raise PermissionDenied(_("Only an organisation admin can start a partnership."))
    _check_role(organisation, role)
    if partner is not None:
        if partner.pk == organisation.pk:
            raise ValidationError(_("Invite an organisation other than your own."), code="self")
        _check_role(partner, partner_role)
    if role != LOCAL and not (partner is not None and partner_role == LOCAL):
        raise ValidationError(
            _(
                "A partnership needs at least one local partner. Add the local organisation "
                "with the role “Local partner”."
            ),
            code="no_local_partner",
        )
    partnership = Partnership(status=Partnership.Status.EXPLORING, **fields)
    partnership.full_clean()
    partnership.save()
    PartnershipMember.objects.create(partnership=partnership, organisation=organisation, role=role)
    partnership_event_record(
        partnership=partnership,
        action=Action.CREATED,
        actor=actor,
        organisation_name=organisation.name,
    )
    if partner is not None:
        _invite(partnership, partner, partner_role, actor, organisation)
    return partnership


def _invite(partnership, organisation, role, actor, inviter_organisation):
    try:
        with transaction.atomic():
            invitation = PartnershipInvitation.objects.create(
                partnership=partnership,
                organisation=organisation,
                role=role,
                invited_by=actor,
                invited_by_organisation=inviter_organisation,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(org)s has already been invited."),
            params={"org": organisation.name},
            code="duplicate",
        ) from None
    partnership_event_record(
        partnership=partnership,
        action=Action.INVITED,
        actor=actor,
        organisation_name=organisation.name,
        detail=PartnershipMember.Role(role).label,
    )
    # Only the organisations' own names go out: nothing the inviter typed.
    tell(
        admins_of([organisation.pk]),
        message=gettext_lazy(
            "%(inviter)s invites %(organisation)s to join a partnership. "
            "Open the app to see it and answer."
        ),
        params={"inviter": inviter_organisation.name, "organisation": organisation.name},
        url=reverse("partnerships:partnership_invitations"),
    )
    tell(
        [u for u in admins_of(_member_ids(partnership) - {inviter_organisation.pk})],
        message=gettext_lazy("%(organisation)s was invited to join “%(partnership)s”."),
        params={"organisation": organisation.name, "partnership": partnership.title},
        url=reverse("partnerships:members", args=[partnership.pk]),
        partnership=partnership,
        email=False,
    )
    return invitation


def _acting_member(partnership, actor, organisation_id=None) -> Organisation:
    """The member organisation the actor is an admin of (a given one, or the first)."""
    ids = admin_organisation_ids(actor) & _member_ids(partnership)
    if organisation_id is not None:
        ids &= {organisation_id}
    if not ids:
        raise PermissionDenied(_("Only an admin of a member organisation can do this."))
    return Organisation.objects.get(pk=min(ids))


@transaction.atomic
def partnership_invite(
    *, partnership: Partnership, organisation: Organisation, role: str, actor
) -> PartnershipInvitation:
    inviter = _acting_member(partnership, actor)
    if organisation.pk in _member_ids(partnership):
        raise ValidationError(
            _("%(org)s is already a member."), params={"org": organisation.name}, code="member"
        )
    _check_role(organisation, role)
    return _invite(partnership, organisation, role, actor, inviter)


def _lock_invitation(invitation_id) -> PartnershipInvitation:
    return (
        PartnershipInvitation.objects.select_for_update()
        .select_related("partnership", "organisation")
        .get(pk=invitation_id)
    )


@transaction.atomic
def invitation_answer(*, invitation_id: int, actor, accept: bool) -> PartnershipInvitation:
    invitation = _lock_invitation(invitation_id)
    if invitation.organisation_id not in admin_organisation_ids(actor):
        raise PermissionDenied(_("Only an admin of the invited organisation can answer."))
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has already been answered."), code="closed")
    partnership = invitation.partnership
    invitation.status = (
        PartnershipInvitation.Status.ACCEPTED if accept else PartnershipInvitation.Status.DECLINED
    )
    invitation.decided_by = actor
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        PartnershipMember.objects.get_or_create(
            partnership=partnership,
            organisation=invitation.organisation,
            defaults={"role": invitation.role},
        )
        mou_parties_changed(partnership=partnership)
    partnership_event_record(
        partnership=partnership,
        action=Action.JOINED if accept else Action.DECLINED,
        actor=actor,
        organisation_name=invitation.organisation.name,
    )
    message = (
        gettext_lazy("%(organisation)s joined “%(partnership)s”.")
        if accept
        else gettext_lazy("%(organisation)s declined to join “%(partnership)s”.")
    )
    tell(
        admins_of(_member_ids(partnership) - {invitation.organisation_id}),
        message=message,
        params={"organisation": invitation.organisation.name, "partnership": partnership.title},
        url=reverse("partnerships:members", args=[partnership.pk]),
        partnership=partnership,
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation_id: int, actor) -> PartnershipInvitation:
    invitation = _lock_invitation(invitation_id)
    _acting_member(invitation.partnership, actor)
    if not invitation.is_pending:
        raise ValidationError(_("This invitation has already been answered."), code="closed")
    invitation.status = PartnershipInvitation.Status.WITHDRAWN
    invitation.decided_by = actor
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_by", "decided_at"])
    partnership_event_record(
        partnership=invitation.partnership,
        action=Action.WITHDRAWN,
        actor=actor,
        organisation_name=invitation.organisation.name,
    )
    return invitation


def _check_removal_keeps_rules(partnership, organisation_id) -> None:
    members = list(partnership.members.select_for_update())
    remaining = [m for m in members if m.organisation_id != organisation_id]
    if not remaining:
        raise ValidationError(
            _("The last member cannot leave: close the partnership instead."), code="last_member"
        )
    had_local = any(m.role == LOCAL for m in members)
    if had_local and not any(m.role == LOCAL for m in remaining):
        raise ValidationError(
            _(
                "A partnership needs at least one local partner: invite another local partner "
                "first, or close the partnership."
            ),
            code="last_local_partner",
        )


def _carry_out(removal: MemberRemoval, actor, *, left: bool) -> None:
    partnership = removal.partnership
    _check_removal_keeps_rules(partnership, removal.organisation_id)
    PartnershipMember.objects.filter(
        partnership=partnership, organisation_id=removal.organisation_id
    ).delete()
    mou_parties_changed(partnership=partnership)
    removal.status = MemberRemoval.Status.DONE
    removal.closed_at = timezone.now()
    removal.save(update_fields=["status", "closed_at"])
    partnership_event_record(
        partnership=partnership,
        action=Action.LEFT if left else Action.REMOVED,
        actor=actor,
        organisation_name=removal.organisation.name,
        detail=removal.reason,
    )
    message = (
        gettext_lazy("%(organisation)s left “%(partnership)s”.")
        if left
        else gettext_lazy(
            "%(organisation)s was removed from “%(partnership)s” with the "
            "agreement of every other member."
        )
    )
    tell(
        admins_of(_member_ids(partnership) | {removal.organisation_id}),
        message=message,
        params={"organisation": removal.organisation.name, "partnership": partnership.title},
        url=reverse("partnerships:list"),
        partnership=None,
    )


def _all_others_agreed(removal: MemberRemoval) -> bool:
    others = _member_ids(removal.partnership) - {removal.organisation_id}
    return others <= set(removal.approvals.values_list("pk", flat=True))


@transaction.atomic
def member_removal_request(
    *, partnership: Partnership, organisation: Organisation, actor, reason: str
) -> MemberRemoval:
    """The member's own admin: it leaves now. Another member's admin: a proposal the other
    members must all agree to."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if organisation.pk not in _member_ids(partnership):
        raise ValidationError(_("%(org)s is not a member."), params={"org": organisation.name})
    if not reason.strip():
        raise ValidationError(_("Say why."), code="reason")
    own = organisation.pk in admin_organisation_ids(actor)
    proposer = organisation if own else _acting_member(partnership, actor)
    removal = MemberRemoval.objects.filter(
        partnership=partnership, organisation=organisation, status=MemberRemoval.Status.PENDING
    ).first()
    if removal is None:
        removal = MemberRemoval.objects.create(
            partnership=partnership, organisation=organisation, reason=reason, requested_by=actor
        )
    if own:
        _carry_out(removal, actor, left=True)
        return removal
    removal.approvals.add(proposer)
    partnership_event_record(
        partnership=partnership,
        action=Action.REMOVAL_ASKED,
        actor=actor,
        organisation_name=organisation.name,
        detail=reason,
    )
    if _all_others_agreed(removal):
        _carry_out(removal, actor, left=False)
        return removal
    tell(
        admins_of(_member_ids(partnership) - {proposer.pk}),
        message=gettext_lazy(
            "%(proposer)s proposes to remove %(organisation)s from "
            "“%(partnership)s”. It happens only if every other member agrees."
        ),
        params={
            "proposer": proposer.name,
            "organisation": organisation.name,
            "partnership": partnership.title,
        },
        url=reverse("partnerships:members", args=[partnership.pk]),
        partnership=partnership,
    )
    return removal


@transaction.atomic
def member_removal_agree(*, removal_id: int, actor) -> MemberRemoval:
    removal = (
        MemberRemoval.objects.select_for_update()
        .select_related("partnership", "organisation")
        .get(pk=removal_id)
    )
    if removal.status != MemberRemoval.Status.PENDING:
        raise ValidationError(_("This proposal is closed."), code="closed")
    Partnership.objects.select_for_update().get(pk=removal.partnership_id)
    if removal.organisation_id in admin_organisation_ids(actor):
        # The member's own admin agreeing is the member leaving.
        _carry_out(removal, actor, left=True)
        return removal
    agreeing = _acting_member(removal.partnership, actor)
    removal.approvals.add(agreeing)
    partnership_event_record(
        partnership=removal.partnership,
        action=Action.REMOVAL_AGREED,
        actor=actor,
        organisation_name=removal.organisation.name,
        detail=agreeing.name,
    )
    if _all_others_agreed(removal):
        _carry_out(removal, actor, left=False)
    return removal


@transaction.atomic
def member_removal_refuse(*, removal_id: int, actor) -> MemberRemoval:
    """Any member's admin, the one concerned included, can stop a proposal."""
    removal = (
        MemberRemoval.objects.select_for_update()
        .select_related("partnership", "organisation")
        .get(pk=removal_id)
    )
    _acting_member(removal.partnership, actor)
    if removal.status != MemberRemoval.Status.PENDING:
        raise ValidationError(_("This proposal is closed."), code="closed")
    removal.status = MemberRemoval.Status.REFUSED
    removal.closed_at = timezone.now()
    removal.save(update_fields=["status", "closed_at"])
    partnership_event_record(
        partnership=removal.partnership,
        action=Action.REMOVAL_REFUSED,
        actor=actor,
        organisation_name=removal.organisation.name,
    )
    return removal
