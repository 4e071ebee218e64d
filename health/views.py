from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.text import slugify

from partnerships.access import access_for, organisations_for
from partnerships.health_registry import records_dimensions
from partnerships.health_thresholds import Status
from partnerships.models import Partnership, PartnershipMember
from partnerships.page_cache import cached_page
from partnerships.spreadsheets import XLSX_CONTENT_TYPE

from . import exports, iati, review_pdf, services
from .portfolio import Filters, portfolio_for


@login_required
@cached_page
def partnership_health(request, pk):
    access = access_for(request.user, pk)
    partnership = access.partnership
    today = timezone.localdate()
    dimensions = services.partnership_health(partnership, today=today)
    members, symmetry = services.symmetry_table(partnership, today=today)
    months, trend = services.trend(partnership)
    readings = [r for d in dimensions for r in d.readings]
    return render(
        request,
        "health/partnership.html",
        {
            "partnership": partnership,
            "access": access,
            "dimensions": dimensions,
            "counts": services.status_counts(readings),
            "statuses": Status,
            "charts": services.chart_data(dimensions),
            "members": members,
            "symmetry": symmetry,
            "months": months,
            "trend": trend,
            "with_records": records_dimensions(),
        },
    )


@login_required
def dimension_records(request, pk, dimension, fmt):
    """One dimension's records (CSV or XLSX), scoped like its pages."""
    access = access_for(request.user, pk)
    if dimension not in records_dimensions():
        raise Http404
    content, content_type = exports.records_export(
        dimension, access, fmt=fmt, today=timezone.localdate()
    )
    return _download(
        content, content_type=content_type, name=f"health-{dimension}-{access.partnership.pk}.{fmt}"
    )


def chosen_organisation(request):
    """The organisation whose portfolio is shown: one of the user's own (404 otherwise)."""
    organisations = list(organisations_for(request.user).order_by("name"))
    if not organisations:
        raise Http404
    wanted = request.GET.get("organisation")
    if not wanted:
        return organisations[0], organisations
    chosen = next((o for o in organisations if str(o.pk) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen, organisations


def filters_from(request) -> Filters:
    status = request.GET.get("status", "")
    role = request.GET.get("role", "")
    return Filters(
        country=request.GET.get("country", "")[:2],
        status=status if status in Partnership.Status.values else "",
        role=role if role in PartnershipMember.Role.values else "",
        attention=request.GET.get("attention") == "1",
    )


PORTFOLIO_PAGE_SIZE = 50


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def _rows_of(number: int) -> slice:
    return slice((number - 1) * PORTFOLIO_PAGE_SIZE, number * PORTFOLIO_PAGE_SIZE)


@login_required
@cached_page
def portfolio(request):
    organisation, organisations = chosen_organisation(request)
    filters = filters_from(request)
    today = timezone.localdate()
    number = _page_number(request)
    found = portfolio_for(organisation, filters=filters, today=today, shown=_rows_of(number))
    page = Paginator(found.rows, PORTFOLIO_PAGE_SIZE).get_page(number)
    if page.number != number:  # past the last page: that page's rows need their indicators
        found = portfolio_for(
            organisation, filters=filters, today=today, shown=_rows_of(page.number)
        )
        page = Paginator(found.rows, PORTFOLIO_PAGE_SIZE).get_page(page.number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "health/portfolio.html",
        {
            "portfolio": found,
            "page": page,
            "querystring": query.urlencode(),
            "organisations": organisations,
            "filters": filters,
            "statuses": Partnership.Status.choices,
            "roles": PartnershipMember.Role.choices,
            "query": request.GET.urlencode(),
        },
    )


def _download(content, *, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def portfolio_csv(request):
    organisation, _ = chosen_organisation(request)
    found = portfolio_for(organisation, filters=filters_from(request), today=timezone.localdate())
    return _download(
        exports.portfolio_csv(found),
        content_type="text/csv; charset=utf-8",
        name=f"portfolio-{slugify(organisation.name)}.csv",
    )


@login_required
def portfolio_xlsx(request):
    organisation, _ = chosen_organisation(request)
    found = portfolio_for(organisation, filters=filters_from(request), today=timezone.localdate())
    return _download(
        exports.portfolio_xlsx(found),
        content_type=XLSX_CONTENT_TYPE,
        name=f"portfolio-{slugify(organisation.name)}.xlsx",
    )


@login_required
def partnership_review_pdf(request, pk):
    """The annual review, in the reader's language. Rendered in the request: a review is a few
    pages (bench/health.py measures it); move it to a task if that grows."""
    access = access_for(request.user, pk)
    pdf = review_pdf.render_pdf(
        access.partnership, today=timezone.localdate(), language=translation.get_language()
    )
    return _download(
        pdf, content_type="application/pdf", name=f"review-{slugify(access.partnership.title)}.pdf"
    )


@login_required
def partnership_iati(request, pk):
    access = access_for(request.user, pk)
    return _download(
        iati.activity_xml(access.partnership),
        content_type="application/xml",
        name=f"iati-activity-{access.partnership.pk}.xml",
    )
