"""Results and their credits: the consent rules in one place.

A result is public only while every organisation it credits has approved how it is named;
a change to the story asks every organisation again, a change to how one organisation is
named asks that organisation again, and a withdrawal unpublishes at once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Membership, Organisation, PartnershipMember, User
from partnerships.notify import notify

from ..models import Credit, Result
from ..uploads import random_name
from .cache import invalidate_partnership

CONTENT_FIELDS = ("title", "text", "figures")


def local_member_ids(partnership) -> set[int]:
    return set(
        PartnershipMember.objects.filter(partnership=partnership)
        .filter(Q(role=PartnershipMember.Role.LOCAL_PARTNER) | Q(organisation__is_local_actor=True))
        .values_list("organisation_id", flat=True)
    )


def _admins(organisation_ids):
    return User.objects.filter(
        memberships__organisation_id__in=organisation_ids, memberships__role=Membership.Role.ADMIN
    ).distinct()


def leaks(result: Result, credits) -> list[Credit]:
    """Anonymous credits whose organisation's name appears in the story anyway."""
    public_text = " ".join(getattr(result, name) for name in CONTENT_FIELDS).casefold()
    return [
        c
        for c in credits
        if c.anonymous
        and (
            c.organisation.name.casefold() in public_text
            or (c.name_as and c.name_as.casefold() in public_text)
        )
    ]


def _refresh(result: Result) -> None:
    """Publish when every credit is approved and nothing names an anonymous partner."""
    credits = list(result.credits.select_related("organisation"))
    publish = bool(credits) and all(c.is_approved for c in credits) and not leaks(result, credits)
    if publish and result.published_at is None:
        result.published_at = timezone.now()
    elif not publish:
        result.published_at = None
    Result.objects.filter(pk=result.pk).update(published_at=result.published_at)
    invalidate_partnership(result.partnership_id)


def _locked(result_id) -> Result:
    return Result.objects.select_for_update().select_related("partnership").get(pk=result_id)


def _save_photo(result, photo) -> None:
    if photo is not None:
        if result.photo:
            result.photo.delete(save=False)
        result.photo.save(random_name("results", photo.extension), photo, save=False)


@transaction.atomic
def result_create(
    *,
    partnership,
    user,
    title: str,
    text: str,
    figures: str = "",
    photo=None,
    photo_consent: str = "",
    credited: list[Organisation],
) -> Result:
    member_ids = set(partnership.members.values_list("organisation_id", flat=True))
    local_ids = local_member_ids(partnership)
    credited = [o for o in credited if o.pk in member_ids]
    if not any(o.pk in local_ids for o in credited):
        raise ValidationError(_("Credit at least one local partner: the results are theirs too."))
    if photo is not None and not photo_consent.strip():
        raise ValidationError(_("Record who consented to publishing the photo."))
    result = Result(
        partnership=partnership,
        title=title,
        text=text,
        figures=figures,
        photo_consent=photo_consent,
        created_by=user,
    )
    _save_photo(result, photo)
    result.save()
    Credit.objects.bulk_create(
        Credit(result=result, organisation=o, is_local=o.pk in local_ids) for o in credited
    )
    notify(
        _admins([o.pk for o in credited]).exclude(pk=user.pk),
        message=gettext_lazy(
            "Your organisation is credited on “%(title)s”: check how it "
            "is named and approve it before it can be published."
        ),
        params={"title": title},
        url=result.get_absolute_url(),
        partnership=partnership,
    )
    return result


@transaction.atomic
def result_update(
    *,
    result: Result,
    user,
    title: str,
    text: str,
    figures: str = "",
    photo=None,
    remove_photo: bool = False,
    photo_consent: str = "",
) -> Result:
    result = _locked(result.pk)
    if (photo is not None or (result.photo and not remove_photo)) and not photo_consent.strip():
        raise ValidationError(_("Record who consented to publishing the photo."))
    changed = (
        (title, text, figures) != (result.title, result.text, result.figures)
        or photo is not None
        or (remove_photo and bool(result.photo))
    )
    result.title, result.text, result.figures = title, text, figures
    result.photo_consent = photo_consent
    if remove_photo and result.photo:
        result.photo.delete(save=False)
        result.photo = ""
    _save_photo(result, photo)
    result.save()
    if changed:
        # They approved this story as it was; a new one needs their consent again.
        credits = result.credits.all()
        credits.update(approved_at=None, approved_by=None)
        notify(
            _admins(credits.values("organisation_id")).exclude(pk=user.pk),
            message=gettext_lazy("“%(title)s” was changed: approve it again to publish it."),
            params={"title": title},
            url=result.get_absolute_url(),
            partnership=result.partnership,
        )
    _refresh(result)
    return result


@transaction.atomic
def credit_update(
    *, credit: Credit, user, name_as: str, anonymous: bool, anonymous_label: str
) -> Credit:
    result = _locked(credit.result_id)
    credit = Credit.objects.select_related("organisation").get(pk=credit.pk)
    name_as, anonymous_label = name_as.strip(), anonymous_label.strip()
    if anonymous and not anonymous_label:
        raise ValidationError(
            _(
                "Describe the organisation without naming it, for example "
                "“a local women's rights organisation”."
            )
        )
    if (name_as, anonymous, anonymous_label) != (
        credit.name_as,
        credit.anonymous,
        credit.anonymous_label,
    ):
        credit.name_as, credit.anonymous, credit.anonymous_label = (
            name_as,
            anonymous,
            anonymous_label,
        )
        credit.approved_at, credit.approved_by = None, None
        credit.save()
        _refresh(result)
    return credit


@transaction.atomic
def credit_approve(*, credit: Credit, user) -> Credit:
    """Approval by the credited organisation's admin (the caller checks who the user is)."""
    result = _locked(credit.result_id)
    credits = list(result.credits.select_related("organisation"))
    if leaked := leaks(result, credits):
        raise ValidationError(
            _("The story names %(names)s, credited anonymously: change the story first.")
            % {"names": ", ".join(c.anonymous_label for c in leaked)}
        )
    credit = next(c for c in credits if c.pk == credit.pk)
    credit.approved_at, credit.approved_by, credit.withdrawn_at = timezone.now(), user, None
    credit.save(update_fields=["approved_at", "approved_by", "withdrawn_at"])
    _refresh(result)
    return credit


@transaction.atomic
def credit_withdraw(*, credit: Credit, user) -> Credit:
    result = _locked(credit.result_id)
    credit = Credit.objects.get(pk=credit.pk)
    credit.approved_at, credit.approved_by, credit.withdrawn_at = None, None, timezone.now()
    credit.save(update_fields=["approved_at", "approved_by", "withdrawn_at"])
    was_public = result.is_published
    _refresh(result)
    if was_public:
        others = result.credits.exclude(organisation_id=credit.organisation_id)
        notify(
            _admins(others.values("organisation_id")),
            message=gettext_lazy(
                "An organisation withdrew its approval of “%(title)s”; it is no longer public."
            ),
            params={"title": result.title},
            url=result.get_absolute_url(),
            partnership=result.partnership,
        )
    return credit


@transaction.atomic
def result_unpublish_all(*, result: Result) -> None:
    """A site admin's takedown: every approval is withdrawn, nobody's is given."""
    result = _locked(result.pk)
    result.credits.filter(approved_at__isnull=False).update(
        approved_at=None, approved_by=None, withdrawn_at=timezone.now()
    )
    _refresh(result)
