"""Pages for people who never log in: the feedback form, following up with a code, and the
"you said, we did" page. No JavaScript, a small stylesheet, nothing about the visitor stored.
Never log request data here: a submission may report abuse."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from partnerships import page_cache
from partnerships.models import Organisation

from .. import ratelimit
from ..access import focal_point_missing
from ..forms import AdditionForm, FollowUpForm, PublicCaseForm
from ..models import Adaptation, Case, Channel
from ..services import cases as services
from ..services.channel import sensitive_offered
from ..services.dashboard import public_counts


def _channel(slug, **filters) -> Channel:
    channels = Channel.objects.select_related("partnership").annotate(
        focal_point_missing=focal_point_missing()
    )
    return get_object_or_404(channels, slug=slug, **filters)


def _use_language(request, channel) -> str:
    languages = channel.public_languages()
    wanted = request.POST.get("lang") or request.GET.get("lang") or translation.get_language()
    language = wanted if wanted in languages else languages[0]
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def _page(request, template, channel, status=200, **context):
    response = render(
        request,
        template,
        {
            "channel": channel,
            "language": translation.get_language(),
            "languages": channel.public_languages(),
            **context,
        },
        status=status,
    )
    return response


def _too_many(request, channel):
    return _page(request, "feedback/public/too_many.html", channel, status=429)


# Stands for the visitor's CSRF token in the form kept in the cache: letters and hyphens, so
# that escaping leaves it as it is.
CSRF_SLOT = "csrf-token-slot-for-the-page-cache"


@sensitive_post_parameters()
@never_cache
def public_form(request, slug):
    """The empty form is the same for every visitor of a channel in a language, but for the
    CSRF token: it is kept in the page cache (until anything is written) with a slot for the
    token, so a visit costs no query."""
    if request.method == "GET":
        key = page_cache.public_key(
            "public-form", slug, request.GET.get("lang", ""), translation.get_language()
        )
        if (kept := page_cache.public_get(key)) is not None:
            language, body = kept
            translation.activate(language)
            request.LANGUAGE_CODE = language
            return HttpResponse(body.replace(CSRF_SLOT, get_token(request)))
        response = _public_form(request, slug, csrf_token=CSRF_SLOT)
        if response.status_code == 200:
            body = response.content.decode()
            page_cache.public_set(key, (translation.get_language(), body))
            response.content = body.replace(CSRF_SLOT, get_token(request))
        return response
    return _public_form(request, slug)


def _public_form(request, slug, **extra):
    channel = _channel(slug, web_form_open=True)
    language = _use_language(request, channel)
    offer_sensitive = sensitive_offered(channel)
    organisations = Organisation.objects.filter(
        partnership_memberships__partnership_id=channel.partnership_id
    ).only("id", "name")
    form = PublicCaseForm(
        request.POST or None,
        request.FILES or None,
        offer_sensitive=offer_sensitive,
        organisations=organisations,
    )
    if request.method == "POST":
        if not ratelimit.allow("submit", ratelimit.client_key(request)):
            return _too_many(request, channel)
        if request.POST.get("website"):
            return _page(request, "feedback/public/received.html", channel)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case, code = services.case_submit(
                    partnership_id=channel.partnership_id,
                    kind=form.case_kind,
                    text=data["text"],
                    language=language,
                    contact=data["contact"],
                    contact_consent=data["contact_consent"],
                    referral_consent=data["referral_consent"],
                    sensitive_category=data.get("sensitive_category") or "",
                    concerns_organisation_id=data.get("concerns_organisation"),
                    attachment=data["attachment"],
                )
            except ValidationError as error:
                form.add_error("attachment" if data["attachment"] else None, error)
            else:
                return _page(
                    request,
                    "feedback/public/received.html",
                    channel,
                    case=case,
                    code=services.display_code(code),
                )
    return _page(
        request,
        "feedback/public/form.html",
        channel,
        form=form,
        offer_sensitive=offer_sensitive,
        status=400 if form.errors else 200,
        **extra,
    )


@sensitive_post_parameters()
@never_cache
def public_follow_up(request, slug):
    channel = _channel(slug)
    _use_language(request, channel)
    if request.method != "POST":
        return _page(request, "feedback/public/follow_up.html", channel, form=FollowUpForm())
    if not ratelimit.allow("code", ratelimit.client_key(request)):
        return _too_many(request, channel)
    adding = "text" in request.POST
    form = (AdditionForm if adding else FollowUpForm)(request.POST)
    form.is_valid()
    reference, code = form.cleaned_data.get("reference"), form.cleaned_data.get("code")
    case = None
    if reference and code:
        # Wrong codes are also counted per reference, so that many connections guessing at
        # one case are stopped too.
        guesses = f"{channel.pk}:{services.normalise_code(reference)}"
        if ratelimit.count("code-guesses", guesses) >= settings.FEEDBACK_RATE_LIMIT:
            return _too_many(request, channel)
        case = services.case_by_code(channel=channel, reference=reference, code=code)
        if case is None:
            ratelimit.allow("code-guesses", guesses)
    if case is None:
        # The same answer for an unknown reference and a wrong code: nothing to probe.
        return _page(
            request,
            "feedback/public/follow_up.html",
            channel,
            form=FollowUpForm(),
            not_found=True,
            status=404,
        )
    added = False
    if adding and form.is_valid():
        try:
            services.case_add_from_person(case_id=case.pk, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            added = True
            case.refresh_from_db()
    addition = (
        form
        if adding and not added
        else AdditionForm(initial={"reference": case.reference, "code": code})
    )
    return _page(
        request,
        "feedback/public/case.html",
        channel,
        case=case,
        added=added,
        addition=addition,
        status=400 if adding and not added else 200,
    )


def public_results(request, slug):
    channel = _channel(slug, results_public=True)
    _use_language(request, channel)
    adaptations = Adaptation.objects.filter(partnership_id=channel.partnership_id)[:100]
    return _page(
        request,
        "feedback/public/results.html",
        channel,
        adaptations=adaptations,
        counts=public_counts(channel.partnership_id),
        kinds=Case.Kind.choices,
    )
