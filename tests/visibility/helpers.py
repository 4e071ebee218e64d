"""Building blocks for the visibility tests, all through the services (the rules' one home)."""

from visibility.models import Credit
from visibility.services import public, results


def make_result(
    world,
    *,
    title="Youth proposals adopted",
    text="Three proposals adopted.",
    credited=None,
    user=None,
):
    return results.result_create(
        partnership=world.partnership,
        user=user or world.international_admin,
        title=title,
        text=text,
        figures="3 proposals",
        credited=credited or [world.local_org, world.international_org],
    )


def credit_of(result, organisation) -> Credit:
    return result.credits.select_related("organisation").get(organisation=organisation)


def approve_all(world, result):
    admins = {
        world.local_org.pk: world.local_admin,
        world.international_org.pk: world.international_admin,
    }
    for credit in result.credits.select_related("organisation"):
        results.credit_approve(credit=credit, user=admins[credit.organisation_id])
    result.refresh_from_db()
    return result


def open_page(world, title="Youth voices in budgets", languages=("en", "fr", "ar")):
    page = public.page_save(
        partnership=world.partnership,
        title=title,
        summary="A public summary.",
        languages=list(languages),
    )
    public.page_approve(
        partnership=world.partnership, organisation=world.local_org, user=world.local_admin
    )
    public.page_approve(
        partnership=world.partnership,
        organisation=world.international_org,
        user=world.international_admin,
    )
    page.refresh_from_db()
    return page


def publish_profile(organisation, **fields):
    defaults = {
        "mission": "We organise young people.",
        "expertise": "Budget advocacy",
        "countries": ["KE"],
        "languages": ["en", "fr", "ar"],
        "show_website": True,
        "public_email": "",
        "slug": public.unique_slug(organisation.name),
    }
    defaults.update(fields)
    return public.profile_save(organisation=organisation, is_public=True, **defaults)
