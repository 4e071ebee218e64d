"""Receiving and handling cases. Case content never goes into a log line, an exception
message or an email: messages name the case by its reference, and emails carry a link."""

import datetime
import hashlib
import hmac
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Membership, Partnership, PartnershipMember, User
from partnerships.notify import notify

from .. import access as case_access
from ..models import Case, CaseAttachment, CaseEntry, Channel, SensitiveAccess
from ..models.cases import CODE_LENGTH, random_code
from ..uploads import checked_content_type

S = Case.Status
MAX_TEXT = 10_000

NEW_CASE = gettext_lazy("New feedback %(reference)s needs acknowledging.")
NEW_SENSITIVE = gettext_lazy("A sensitive report needs a safeguarding focal point.")
PERSON_ADDED = gettext_lazy("The person behind %(reference)s added information.")
PERSON_ADDED_SENSITIVE = gettext_lazy("A sensitive report has new information.")


def normalise_code(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", (code or "").upper())


def hash_code(reference: str, code: str) -> str:
    return hashlib.sha256(f"{reference}:{normalise_code(code)}".encode()).hexdigest()


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _commitments(partnership_id: int) -> tuple[int, int]:
    channel = (
        Channel.objects.filter(partnership_id=partnership_id)
        .only("acknowledge_days", "respond_days")
        .first()
    )
    if channel is None:
        return 7, 30
    return channel.acknowledge_days, channel.respond_days


def _notify_handlers(case: Case, *, message, sensitive_message) -> None:
    users = User.objects.filter(pk__in=case_access.handler_ids(case))
    if case.is_sensitive:
        notify(
            users,
            message=sensitive_message,
            url=case.get_absolute_url(),
            partnership=case.partnership,
            email_template="emails/reminder",
        )
    else:
        notify(
            users,
            message=message,
            params={"reference": case.reference},
            url=case.get_absolute_url(),
            partnership=case.partnership,
            email_template="emails/reminder",
        )


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write your message."))
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The message is too long: at most 10,000 characters."))
    return text


def case_submit(
    *,
    partnership_id: int,
    kind: str,
    text: str,
    via: str = Case.Via.WEB,
    language: str = "en",
    contact: str = "",
    contact_consent: bool = False,
    referral_consent: bool = False,
    sensitive_category: str = "",
    concerns_organisation_id: int | None = None,
    attachment=None,
    entered_by=None,
    received_at: datetime.datetime | None = None,
) -> tuple[Case, str]:
    """Save a case and return it with its follow-up code (the only time the code exists in
    clear). Contact details are kept only with the person's consent."""
    text = _check_text(text)
    if kind not in Case.Kind.values:
        raise ValidationError(_("Choose what kind of message this is."))
    if kind != Case.Kind.SENSITIVE:
        sensitive_category, concerns_organisation_id = "", None
    if (
        concerns_organisation_id is not None
        and not PartnershipMember.objects.filter(
            partnership_id=partnership_id, organisation_id=concerns_organisation_id
        ).exists()
    ):
        raise ValidationError(_("Choose one of the partnership's organisations."))
    content_type = checked_content_type(attachment) if attachment else None
    contact = (contact or "").strip() if contact_consent else ""
    received_at = received_at or timezone.now()
    ack_days, respond_days = _commitments(partnership_id)
    day = timezone.localdate(received_at)
    code = random_code(CODE_LENGTH)
    with transaction.atomic():
        case = Case(
            partnership=Partnership.objects.get(pk=partnership_id),
            kind=kind,
            sensitive_category=sensitive_category,
            via=via,
            language=language,
            text=text,
            contact=contact or None,
            contact_consent=bool(contact),
            referral_consent=referral_consent and bool(contact),
            concerns_organisation_id=concerns_organisation_id,
            entered_by=entered_by,
            received_at=received_at,
            acknowledge_due=day + datetime.timedelta(days=ack_days),
            respond_due=day + datetime.timedelta(days=respond_days),
        )
        case.follow_up_hash = hash_code(case.reference, code)
        case.save()
        if attachment:
            CaseAttachment.objects.create(
                case=case, file=attachment, content_type=content_type, size=attachment.size
            )
        _notify_handlers(case, message=NEW_CASE, sensitive_message=NEW_SENSITIVE)
    return case, code


def case_by_code(*, channel: Channel, reference: str, code: str) -> Case | None:
    reference = (reference or "").strip().upper()
    case = Case.objects.filter(partnership_id=channel.partnership_id, reference=reference).first()
    if case is None or not case.follow_up_hash:
        return None
    if not hmac.compare_digest(case.follow_up_hash, hash_code(reference, code)):
        return None
    if case.follow_up_used_at is None:
        Case.objects.filter(pk=case.pk).update(follow_up_used_at=timezone.now())
        case.follow_up_used_at = timezone.now()
    return case


def case_add_from_person(*, case_id: int, text: str) -> CaseEntry:
    text = _check_text(text)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("partnership").get(pk=case_id)
        if case.status == S.CLOSED:
            raise ValidationError(_("This case is closed."))
        entry = CaseEntry.objects.create(case=case, kind=CaseEntry.Kind.FROM_PERSON, text=text)
        if case.status == S.RESPONDED:
            _move(case, S.IN_PROGRESS, by=None)
        _notify_handlers(case, message=PERSON_ADDED, sensitive_message=PERSON_ADDED_SENSITIVE)
    return entry


def _move(case: Case, status: str, *, by) -> None:
    if not case.can_move_to(status):
        raise ValidationError(
            _("A case that is %(current)s cannot become %(new)s.")
            % {"current": case.get_status_display(), "new": S(status).label}
        )
    now = timezone.now()
    case.status = status
    if status == S.ACKNOWLEDGED or (status != S.NEW and case.acknowledged_at is None):
        case.acknowledged_at = case.acknowledged_at or now
    if status == S.RESPONDED:
        case.responded_at = case.responded_at or now
    if status == S.CLOSED:
        case.closed_at = now
    case.save()
    CaseEntry.objects.create(case=case, kind=CaseEntry.Kind.STATUS, status=status, author=by)


def closing_blocker(case: Case) -> str | None:
    """Why the case cannot be closed yet, or None."""
    if case.response:
        return None
    if case.is_anonymous and case.follow_up_used_at is None:
        return None
    return _(
        "Write a response to the person before closing: they can read it with their "
        "code or be contacted."
    )


def _locked(case_id: int) -> Case:
    return Case.objects.select_for_update().select_related("partnership").get(pk=case_id)


def case_move(*, case_id: int, status: str, by) -> Case:
    with transaction.atomic():
        case = _locked(case_id)
        if status == S.CLOSED and (blocker := closing_blocker(case)):
            raise ValidationError(blocker)
        if status == S.RESPONDED and not case.response:
            raise ValidationError(_("Write the response the person will see first."))
        if status == S.REFERRED:
            raise ValidationError(_("Use the referral form to refer a case."))
        _move(case, status, by=by)
    return case


def case_respond(*, case_id: int, response: str, by) -> Case:
    response = (response or "").strip()
    if not response:
        raise ValidationError(_("Write the response the person will see."))
    if len(response) > MAX_TEXT:
        raise ValidationError(_("The response is too long: at most 10,000 characters."))
    with transaction.atomic():
        case = _locked(case_id)
        case.response = response
        if case.status in (S.ACKNOWLEDGED, S.IN_PROGRESS):
            _move(case, S.RESPONDED, by=by)
        elif case.status == S.NEW:
            _move(case, S.ACKNOWLEDGED, by=by)
            _move(case, S.RESPONDED, by=by)
        else:
            case.save(update_fields=["response"])
    return case


def case_refer(*, case_id: int, referred_to: str, with_personal_data: bool, by) -> Case:
    referred_to = (referred_to or "").strip()
    if not referred_to:
        raise ValidationError(_("Say which agency the case is referred to."))
    with transaction.atomic():
        case = _locked(case_id)
        if with_personal_data and not case.referral_consent:
            raise ValidationError(
                _(
                    "The person did not agree that their personal data go "
                    "with a referral; refer the case without them."
                )
            )
        case.referred_to = referred_to[:200]
        case.referred_with_personal_data = with_personal_data
        _move(case, S.REFERRED, by=by)
    return case


def case_assign(*, case_id: int, organisation_id: int | None, assignee_id: int | None, by) -> Case:
    with transaction.atomic():
        case = _locked(case_id)
        members = set(
            PartnershipMember.objects.filter(partnership_id=case.partnership_id).values_list(
                "organisation_id", flat=True
            )
        )
        if organisation_id is not None and organisation_id not in members:
            raise ValidationError(_("Choose one of the partnership's organisations."))
        if assignee_id is not None:
            eligible = Membership.objects.filter(user_id=assignee_id, organisation_id__in=members)
            if organisation_id is not None:
                eligible = eligible.filter(organisation_id=organisation_id)
            if case.is_sensitive:
                eligible = eligible.filter(user_id__in=case_access.sensitive_recipient_ids(case))
            else:
                eligible = eligible.filter(role__in=Membership.EDITOR_ROLES)
            if not eligible.exists():
                raise ValidationError(_("This person cannot handle the case."))
        case.assigned_organisation_id = organisation_id
        case.assignee_id = assignee_id
        case.save(update_fields=["assigned_organisation", "assignee"])
    return case


def case_note(*, case_id: int, text: str, by) -> CaseEntry:
    text = _check_text(text)
    return CaseEntry.objects.create(case_id=case_id, kind=CaseEntry.Kind.NOTE, text=text, author=by)


def case_share_with_concerned(*, case_id: int, by) -> Case:
    with transaction.atomic():
        case = _locked(case_id)
        by_orgs = set(Membership.objects.filter(user=by).values_list("organisation_id", flat=True))
        if case.concerns_organisation_id in by_orgs:
            raise ValidationError(_("Only another organisation's focal point can share it."))
        if case.shared_with_concerned_at is None:
            case.shared_with_concerned_at = timezone.now()
            case.save(update_fields=["shared_with_concerned_at"])
    return case


def record_sensitive_access(cases, user, action: str) -> None:
    SensitiveAccess.objects.bulk_create(
        SensitiveAccess(case_id=case.pk, user=user, action=action)
        for case in cases
        if case.is_sensitive
    )
