"""MoU life cycle: draft → awaiting signatures → in force → superseded.

Every change goes through here so that the snapshots (decision matrix, parties) and the hash
always describe exactly what the signatories see.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import DecisionArea, Membership, Mou, MouSignature, Partnership, User
from ..models.decisions import area_order
from ..notify import notify
from ..people import partnership_people

Status = Mou.Status


def matrix_snapshot(partnership: Partnership) -> list[dict]:
    order = area_order()
    rows = DecisionArea.objects.filter(partnership=partnership)
    return [
        {"area": r.area, "decider": r.decider, "notes": r.notes}
        for r in sorted(rows, key=lambda r: order.get(r.area, 99))
    ]


def parties_snapshot(partnership: Partnership) -> list[dict]:
    # Local partners first: the agreement names the partner closest to the work first.
    members = sorted(
        partnership.members.select_related("organisation"),
        key=lambda m: (not m.is_local_partner, m.role, m.pk),
    )
    return [
        {
            "organisation_id": m.organisation_id,
            "name": m.organisation.name,
            "country": str(m.organisation.country.name),
            "role": m.role,
            "address": m.organisation.address,
        }
        for m in members
    ]


def _refresh_snapshots(mou: Mou) -> None:
    mou.decision_matrix = matrix_snapshot(mou.partnership)
    mou.parties = parties_snapshot(mou.partnership)
    mou.partnership_title = mou.partnership.title


def _next_version(partnership) -> int:
    return (Mou.objects.filter(partnership=partnership).aggregate(v=Max("version"))["v"] or 0) + 1


def mou_open_version(partnership) -> Mou | None:
    """The version being prepared (draft or awaiting signatures), if any."""
    return (
        Mou.objects.filter(
            partnership=partnership, status__in=[Status.DRAFT, Status.AWAITING_SIGNATURES]
        )
        .order_by("-version")
        .first()
    )


def _lock_partnership(partnership_id: int) -> None:
    """Versions of one partnership's MoU are numbered and opened one at a time: parallel
    clicks wait here, then see the version the first one opened."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


@transaction.atomic
def mou_create(*, partnership: Partnership, user, content: dict) -> tuple[Mou, bool]:
    """A new draft with `content` (MouForm's fields), or the version already being prepared
    (created False): there is only ever one."""
    _lock_partnership(partnership.pk)
    if existing := mou_open_version(partnership):
        return existing, False
    mou = Mou(
        partnership=partnership, version=_next_version(partnership), created_by=user, **content
    )
    _refresh_snapshots(mou)
    mou.save()
    return mou, True


@transaction.atomic
def mou_new_version(*, mou_id: int, user) -> tuple[Mou, bool]:
    """A draft copy of the MoU to amend, or the version already being prepared (created
    False); the original stays as it is until the copy is in force."""
    mou = Mou.objects.select_related("partnership").get(pk=mou_id)
    _lock_partnership(mou.partnership_id)
    if existing := mou_open_version(mou.partnership):
        return existing, False
    copy = Mou(
        partnership=mou.partnership,
        version=_next_version(mou.partnership),
        title=mou.title,
        language=mou.language,
        term_start=mou.term_start,
        term_end=mou.term_end,
        decision_making=mou.decision_making,
        accountability=mou.accountability,
        transparency=mou.transparency,
        resources=mou.resources,
        communication=mou.communication,
        representation=mou.representation,
        created_by=user,
    )
    _refresh_snapshots(copy)
    copy.save()
    return copy, True


@transaction.atomic
def mou_update(*, mou_id: int, user, content: dict) -> Mou:
    """Save an edited draft or awaiting version. Once anyone has signed, the change becomes a
    new version with no signatures, and the signed one is superseded."""
    mou = Mou.objects.select_for_update().get(pk=mou_id)
    if not mou.is_editable:
        raise ValidationError(_("An MoU in force cannot be altered; start a new version."))
    edited = Mou.objects.get(pk=mou_id)
    for name, value in content.items():
        setattr(edited, name, value)
    _refresh_snapshots(edited)
    if edited.compute_hash() == mou.content_hash:
        return mou
    if not mou.signatures.exists():
        edited.save()
        if edited.status == Status.AWAITING_SIGNATURES:
            _ask_signatories(edited, again=True)
        return edited
    mou.status = Status.SUPERSEDED
    mou.save(update_fields=["status"])
    edited.pk = None
    edited._state.adding = True
    edited.version = _next_version(mou.partnership)
    edited.created_by = user
    edited.sent_at = timezone.now()
    edited.status = Status.AWAITING_SIGNATURES
    edited.save()
    _ask_signatories(edited, again=True)
    return edited


@transaction.atomic
def mou_matrix_changed(*, partnership: Partnership) -> None:
    """The live decision matrix moved: versions being prepared take the new one."""
    snapshot = matrix_snapshot(partnership)
    for mou in Mou.objects.select_for_update().filter(
        partnership=partnership, status__in=[Status.DRAFT, Status.AWAITING_SIGNATURES]
    ):
        if snapshot == mou.decision_matrix:
            continue
        if mou.signatures.exists():
            mou.status = Status.SUPERSEDED
            mou.save(update_fields=["status"])
            mou.pk = None
            mou._state.adding = True
            mou.version = _next_version(partnership)
            mou.sent_at = timezone.now()
            mou.status = Status.AWAITING_SIGNATURES
            mou.decision_matrix = snapshot
            mou.save()
            _ask_signatories(mou, again=True)
        else:
            mou.decision_matrix = snapshot
            mou.save()


@transaction.atomic
def mou_parties_changed(*, partnership: Partnership) -> None:
    """An organisation joined or left (services/membership.py): versions being prepared name
    the new parties. A version someone has already signed is superseded by an unsigned copy,
    as when the matrix changes: those signatures were given to other parties."""
    snapshot = parties_snapshot(partnership)
    for mou in (
        Mou.objects.select_for_update()
        .filter(partnership=partnership, status__in=[Status.DRAFT, Status.AWAITING_SIGNATURES])
        .order_by("version")
    ):
        if snapshot == mou.parties:
            continue
        if mou.signatures.exists():
            mou.status = Status.SUPERSEDED
            mou.save(update_fields=["status"])
            mou.pk = None
            mou._state.adding = True
            mou.version = _next_version(partnership)
            mou.sent_at = timezone.now()
            mou.status = Status.AWAITING_SIGNATURES
            mou.parties = snapshot
            mou.save()
            _ask_signatories(mou, again=True)
        else:
            mou.parties = snapshot
            mou.save()
            if mou.status == Status.AWAITING_SIGNATURES:
                _ask_signatories(mou, again=True)


@transaction.atomic
def mou_send_for_signatures(*, mou_id: int) -> Mou:
    mou = Mou.objects.select_for_update().get(pk=mou_id)
    if mou.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for signatures."))
    _refresh_snapshots(mou)
    mou.status = Status.AWAITING_SIGNATURES
    mou.sent_at = timezone.now()
    mou.save()
    _ask_signatories(mou)
    return mou


def pending_signatories(mou: Mou) -> list[User]:
    signed = mou.signatures.values_list("organisation_id", flat=True)
    return partnership_people(
        only_org_ids=mou.party_ids, exclude_org_ids=signed, signatories_only=True
    )


def _ask_signatories(mou: Mou, *, again: bool = False) -> None:
    users = pending_signatories(mou)
    message = (
        gettext_lazy("A new version of the MoU “%(title)s” awaits your signature.")
        if again
        else gettext_lazy("The MoU “%(title)s” awaits your signature.")
    )
    notify(
        users,
        message=message,
        params={"title": mou.title},
        url=mou.get_absolute_url(),
        partnership=mou.partnership,
        email_template="emails/mou_signature_requested",
        email_context={
            "title": mou.title,
            "version": mou.version,
            "partnership": mou.partnership.title,
        },
    )


def signable_organisations(mou: Mou, memberships) -> list:
    """The parties this user may still sign for."""
    signed = set(mou.signatures.values_list("organisation_id", flat=True))
    return [
        m.organisation
        for m in memberships
        if m.is_signatory and m.organisation_id in mou.party_ids and m.organisation_id not in signed
    ]


@transaction.atomic
def mou_sign(
    *, mou_id: int, user, organisation, full_name: str, title: str, content_hash: str
) -> MouSignature:
    mou = Mou.objects.select_for_update().get(pk=mou_id)
    if mou.status != Status.AWAITING_SIGNATURES:
        raise ValidationError(_("This MoU is not awaiting signatures."))
    if content_hash != mou.content_hash:
        raise ValidationError(
            _("The MoU changed since you opened it; read it again before signing.")
        )
    is_signatory = Membership.objects.filter(
        user=user, organisation=organisation, is_signatory=True
    ).exists()
    if not is_signatory or organisation.pk not in mou.party_ids:
        raise PermissionDenied
    if mou.signatures.filter(organisation=organisation).exists():
        raise ValidationError(_("Your organisation has already signed this version."))
    signature = MouSignature.objects.create(
        mou=mou,
        organisation=organisation,
        user=user,
        full_name=full_name,
        title=title,
        content_hash=mou.content_hash,
    )
    signed = set(mou.signatures.values_list("organisation_id", flat=True))
    if set(mou.party_ids) <= signed:
        Mou.objects.filter(partnership=mou.partnership, status=Status.IN_FORCE).update(
            status=Status.SUPERSEDED
        )
        mou.status = Status.IN_FORCE
        mou.in_force_at = timezone.now()
        mou.save()
        notify(
            partnership_people(only_org_ids=mou.party_ids),
            message=gettext_lazy("The MoU “%(title)s” is signed by every party and in force."),
            params={"title": mou.title},
            url=mou.get_absolute_url(),
            partnership=mou.partnership,
        )
    return signature
