"""Public profiles and the partnership page: opt-in by each organisation's own admin, and the
only queries that decide what the public sees."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from partnerships.models import Organisation

from ..models import (
    Credit,
    Endorsement,
    ForumRole,
    PartnershipPage,
    PartnershipPageApproval,
    PublicProfile,
    Result,
)
from ..uploads import random_name
from .cache import invalidate_organisations, invalidate_partnership

PROFILE_FIELDS = (
    "mission",
    "expertise",
    "countries",
    "languages",
    "show_website",
    "public_email",
    "slug",
)


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    taken = PublicProfile.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def profile_for(organisation: Organisation) -> PublicProfile:
    """The organisation's profile, created unpublished the first time it is asked for."""
    profile = PublicProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = PublicProfile(
            organisation=organisation, slug=unique_slug(organisation.name), languages=["en"]
        )
    return profile


@transaction.atomic
def profile_save(
    *, organisation, is_public: bool, logo=None, remove_logo=False, **fields
) -> PublicProfile:
    profile = profile_for(organisation)
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    profile.is_public = is_public
    if remove_logo and profile.logo:
        profile.logo.delete(save=False)
        profile.logo = ""
    if logo is not None:
        if profile.logo:
            profile.logo.delete(save=False)
        profile.logo.save(random_name("logos", logo.extension), logo, save=False)
    profile.save()
    invalidate_organisations([organisation.pk])
    return profile


@transaction.atomic
def forum_role_visibility(*, role: ForumRole, show: bool) -> None:
    role.show_publicly = show
    role.save(update_fields=["show_publicly"])
    invalidate_organisations([role.organisation_id])


@transaction.atomic
def endorsement_show(*, endorsement: Endorsement, show: bool) -> None:
    endorsement.shown = show
    endorsement.save(update_fields=["shown"])
    invalidate_organisations([endorsement.organisation_id])


# --- The partnership page ---------------------------------------------------------------------


def _refresh_page(page: PartnershipPage) -> None:
    members = set(page.partnership.members.values_list("organisation_id", flat=True))
    approved = set(page.approvals.values_list("organisation_id", flat=True))
    public = bool(members) and members <= approved
    if public and page.published_at is None:
        page.published_at = timezone.now()
    elif not public:
        page.published_at = None
    PartnershipPage.objects.filter(pk=page.pk).update(published_at=page.published_at)
    invalidate_partnership(page.partnership_id)


def _locked_page(partnership) -> PartnershipPage | None:
    return (
        PartnershipPage.objects.select_for_update()
        .select_related("partnership")
        .filter(partnership=partnership)
        .first()
    )


@transaction.atomic
def page_save(*, partnership, title: str, summary: str, languages: list[str]) -> PartnershipPage:
    page = _locked_page(partnership) or PartnershipPage(partnership=partnership)
    changed = (title, summary, languages) != (page.title, page.summary, page.languages)
    page.title, page.summary, page.languages = title, summary, languages
    page.save()
    if changed:
        # Every member agreed to the page as it was; a new text needs them again.
        page.approvals.all().delete()
    _refresh_page(page)
    return page


@transaction.atomic
def page_approve(*, partnership, organisation, user) -> None:
    page = _locked_page(partnership)
    PartnershipPageApproval.objects.get_or_create(
        page=page, organisation=organisation, defaults={"approved_by": user}
    )
    _refresh_page(page)


@transaction.atomic
def page_withdraw(*, partnership, organisation) -> None:
    page = _locked_page(partnership)
    page.approvals.filter(organisation=organisation).delete()
    _refresh_page(page)


# --- What the public sees ---------------------------------------------------------------------


def _credits_prefetch():
    return Prefetch(
        "credits",
        queryset=Credit.objects.select_related("organisation", "organisation__public_profile"),
    )


def published_results():
    """Results every credited organisation approved, in partnerships whose page is public."""
    return Result.objects.filter(
        published_at__isnull=False,
        partnership__public_page__published_at__isnull=False,
    ).select_related("partnership__public_page")


def _keeps_anonymity(result) -> bool:
    """False when the partnership page shown with the result names one of its anonymous
    partners: the page's own text would tell who "a local organisation" is."""
    page = result.partnership.public_page
    page_text = f"{page.title} {page.summary}".casefold()
    return not any(
        c.anonymous
        and (
            c.organisation.name.casefold() in page_text
            or (c.name_as and c.name_as.casefold() in page_text)
        )
        for c in result.credits.all()
    )


def results_for_page(page: PartnershipPage):
    found = (
        published_results()
        .filter(partnership=page.partnership)
        .prefetch_related(_credits_prefetch())
        .order_by("-published_at", "-pk")
    )
    return [result for result in found if _keeps_anonymity(result)]


def results_for_profile(organisation, limit: int | None = None):
    """Results crediting the organisation by name: an anonymous credit never leads back to it.
    With `limit`, only the first `limit` of them, read a batch at a time: an organisation in
    hundreds of partnerships has hundreds of results, and a capability statement shows eight."""
    credited = Credit.objects.filter(organisation=organisation, anonymous=False)
    found = (
        published_results()
        .filter(pk__in=credited.values("result_id"))
        .prefetch_related(_credits_prefetch())
        .order_by("-published_at", "-pk")
    )
    if limit is None:
        return [result for result in found if _keeps_anonymity(result)]
    kept, start = [], 0
    while len(kept) < limit:
        batch = list(found[start : start + limit])
        kept += [result for result in batch if _keeps_anonymity(result)]
        if len(batch) < limit:
            break
        start += limit
    return kept[:limit]


def profile_data(profile: PublicProfile, *, results_limit: int | None = None) -> dict:
    organisation = profile.organisation
    return {
        "profile": profile,
        "organisation": organisation,
        "roles": list(
            ForumRole.objects.filter(organisation=organisation, show_publicly=True).select_related(
                "forum"
            )
        ),
        "results": results_for_profile(organisation, limit=results_limit),
        "endorsements": list(
            Endorsement.objects.filter(organisation=organisation, shown=True).select_related(
                "author_organisation"
            )
        ),
    }
