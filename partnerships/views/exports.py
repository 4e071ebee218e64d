"""CSV exports of the lists a user sees: the same scoping as the pages, cells escaped."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..access import access_for, partnerships_for, visible_organisations_for
from ..csv_export import csv_response
from ..models import AgreedAction, Membership, MutualReport, PartnershipMember

CHUNK = 2000


@login_required
def partnerships_csv(request):
    partnerships = (
        partnerships_for(request.user)
        .order_by("pk")
        .prefetch_related(
            Prefetch("members", queryset=PartnershipMember.objects.select_related("organisation"))
        )
    )
    rows = (
        [
            p.pk,
            p.title,
            p.get_status_display(),
            p.start_date,
            p.end_date,
            "; ".join(f"{m.organisation.name} ({m.get_role_display()})" for m in p.members.all()),
        ]
        for p in partnerships.iterator(chunk_size=CHUNK)
    )
    return csv_response(
        "partnerships.csv",
        [_("Id"), _("Title"), _("Status"), _("Start date"), _("End date"), _("Members")],
        rows,
    )


@login_required
def reports_csv(request, pk):
    access = access_for(request.user, pk)
    reports = (
        MutualReport.objects.filter(period__partnership=access.partnership)
        .select_related("period", "organisation")
        .order_by("period__start", "organisation__name", "pk")
    )
    rows = (
        [
            r.pk,
            str(r.period),
            r.period.due_date,
            r.organisation.name,
            r.get_status_display(),
            r.submitted_at.date() if r.submitted_at else "",
            r.amends_id or "",
            r.developments,
            r.progress,
            r.challenges,
            r.learning,
            r.requests,
        ]
        for r in reports.iterator(chunk_size=CHUNK)
    )
    return csv_response(
        f"reports-{access.partnership.pk}.csv",
        [
            _("Id"),
            _("Period"),
            _("Due date"),
            _("Organisation"),
            _("Status"),
            _("Submitted on"),
            _("Amends"),
            _("Developments"),
            _("Progress"),
            _("Challenges"),
            _("Learning"),
            _("What we ask of our partners"),
        ],
        rows,
    )


@login_required
def actions_csv(request, pk):
    access = access_for(request.user, pk)
    actions = (
        AgreedAction.objects.filter(partnership=access.partnership)
        .select_related("owner_organisation", "owner")
        .order_by("due_date", "pk")
    )
    rows = (
        [
            a.pk,
            a.title,
            a.owner_organisation.name,
            a.owner.display_name if a.owner else "",
            a.due_date,
            a.get_status_display(),
            a.get_source_display(),
            a.notes,
        ]
        for a in actions.iterator(chunk_size=CHUNK)
    )
    return csv_response(
        f"actions-{access.partnership.pk}.csv",
        [
            _("Id"),
            _("Action"),
            _("Organisation responsible"),
            _("Person responsible"),
            _("Due date"),
            _("Status"),
            _("Agreed in"),
            _("Notes"),
        ],
        rows,
    )


@login_required
def members_csv(request, pk):
    organisation = get_object_or_404(visible_organisations_for(request.user), pk=pk)
    # Only the organisation's own people see its member list, as on the page.
    if not Membership.objects.filter(user=request.user, organisation=organisation).exists():
        raise Http404
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    rows = (
        [
            m.user.display_name,
            m.user.email,
            m.get_role_display(),
            m.is_signatory,
            m.is_safeguarding_focal_point,
        ]
        for m in memberships.iterator(chunk_size=CHUNK)
    )
    return csv_response(
        f"members-{organisation.pk}.csv",
        [
            _("Name"),
            _("Email address"),
            _("Role"),
            _("Authorised signatory"),
            _("Safeguarding focal point"),
        ],
        rows,
    )
