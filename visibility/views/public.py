"""Public pages: no login, server-rendered, cached, and showing only what was consented to.

Everything here answers 404 unless the organisation (or every member of the partnership)
opted in; the HTML is rendered without the request so no session, CSRF token or user detail
can end up in a cached copy.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from ..models import PartnershipPage, PublicProfile
from ..services import capability_pdf, public
from ..services.cache import get_or_build, page_key, profile_key
from ..uploads import content_type

# The latest results a public profile shows. An organisation in hundreds of partnerships is
# credited with hundreds of results: all of them made a page of a megabyte, on slow links.
PROFILE_RESULTS = 20


def _language(request, available: list[str]) -> str:
    asked = request.GET.get("lang") or translation.get_language()
    return asked if asked in available else available[0]


def _fresh(response):
    # Withdrawal must be visible at once: browsers and proxies ask again every time.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def _respond(html: str, language: str) -> HttpResponse:
    response = HttpResponse(html)
    response["Content-Language"] = language
    return _fresh(response)


@require_GET
def profile(request, slug):
    profile = get_object_or_404(
        PublicProfile.objects.select_related("organisation"), slug=slug, is_public=True
    )
    language = _language(request, profile.language_codes)

    def build():
        data = public.profile_data(profile, results_limit=PROFILE_RESULTS + 1)
        more = len(data["results"]) > PROFILE_RESULTS
        data["results"] = data["results"][:PROFILE_RESULTS]
        with translation.override(language):
            return render_to_string(
                "visibility/public/profile.html",
                {
                    **data,
                    "more_results": more,
                    "results_shown": PROFILE_RESULTS,
                    "language": language,
                    "languages": profile.language_codes,
                    "site_url": settings.SITE_URL,
                },
            )

    key = profile_key(profile.organisation_id, profile.version, language)
    return _respond(get_or_build(key, build), language)


@require_GET
def partnership(request, slug):
    page = get_object_or_404(
        PartnershipPage.objects.select_related("partnership"), slug=slug, published_at__isnull=False
    )
    language = _language(request, page.language_codes)

    def build():
        results = public.results_for_page(page)
        with translation.override(language):
            return render_to_string(
                "visibility/public/partnership.html",
                {
                    "page": page,
                    "results": results,
                    "language": language,
                    "languages": page.language_codes,
                    "site_url": settings.SITE_URL,
                    "og_image": next((r for r in results if r.photo), None),
                },
            )

    key = page_key(page.pk, page.version, language)
    return _respond(get_or_build(key, build), language)


@require_GET
def logo(request, slug):
    profile = get_object_or_404(PublicProfile, slug=slug, is_public=True)
    if not profile.logo:
        raise Http404
    return _fresh(
        FileResponse(profile.logo.open("rb"), content_type=content_type(profile.logo.name))
    )


@require_GET
def result_photo(request, result_pk):
    result = get_object_or_404(public.published_results(), pk=result_pk)
    if not result.photo:
        raise Http404
    return _fresh(
        FileResponse(result.photo.open("rb"), content_type=content_type(result.photo.name))
    )


@require_GET
def capability(request, slug):
    profile = get_object_or_404(
        PublicProfile.objects.select_related("organisation"), slug=slug, is_public=True
    )
    language = _language(request, profile.language_codes)
    key = profile_key(profile.organisation_id, profile.version, language, "pdf")
    pdf = get_or_build(key, lambda: capability_pdf.render_pdf(profile, language))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(profile.organisation.name)[:60] or "organisation"
    response["Content-Disposition"] = f'inline; filename="capability-{name}.pdf"'
    return _fresh(response)
