"""A private calendar feed per user: report, action and MoU dates in their own calendar."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from ..access import partnerships_for
from ..models import AgreedAction, CalendarFeed, Mou, MutualReport
from ..models.calendar import feed_token

HORIZON_PAST_DAYS = 180
MAX_EVENTS = 2000


@login_required
def calendar_settings(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = f"{settings.SITE_URL}{feed.get_absolute_url()}" if feed else ""
    return render(request, "partnerships/calendar.html", {"feed": feed, "url": url})


@login_required
@require_POST
def calendar_renew(request):
    """A new secret link; the old one stops working at once."""
    CalendarFeed.objects.update_or_create(user=request.user, defaults={"token": feed_token()})
    messages.success(request, _("Your calendar link is ready. Any earlier link no longer works."))
    return redirect("partnerships:calendar")


@login_required
@require_POST
def calendar_revoke(request):
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, _("Your calendar link no longer works."))
    return redirect("partnerships:calendar")


def _event(uid, day: datetime.date, summary: str, url: str, stamp):
    event = Event()
    event.add("uid", f"{uid}@locally-led-partnerships")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", f"{settings.SITE_URL}{url}")
    return event


def calendar_feed(request, token):
    """No login: calendar apps cannot log in. The unguessable token is the credential, and a
    revoked or replaced token is simply unknown (404)."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    user = feed.user
    since = timezone.localdate() - datetime.timedelta(days=HORIZON_PAST_DAYS)
    visible = partnerships_for(user)
    own_orgs = user.memberships.values("organisation_id")
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Locally-led Partnerships//EN")
    calendar.add("version", "2.0")
    with override(user.language):
        calendar.add("x-wr-calname", _("Partnership deadlines"))
        reports = MutualReport.objects.filter(
            period__partnership__in=visible,
            organisation_id__in=own_orgs,
            amends__isnull=True,
            status=MutualReport.Status.DRAFT,
            period__due_date__gte=since,
        ).select_related("period__partnership", "organisation")[:MAX_EVENTS]
        for report in reports:
            calendar.add_component(
                _event(
                    f"report-{report.pk}",
                    report.period.due_date,
                    _("Report due: %(org)s, %(partnership)s")
                    % {
                        "org": report.organisation.name,
                        "partnership": report.period.partnership.title,
                    },
                    report.get_absolute_url(),
                    stamp,
                )
            )
        actions = AgreedAction.objects.filter(
            partnership__in=visible,
            status=AgreedAction.Status.OPEN,
            due_date__gte=since,
        ).select_related("partnership", "owner_organisation")[:MAX_EVENTS]
        for action in actions:
            calendar.add_component(
                _event(
                    f"action-{action.pk}",
                    action.due_date,
                    _("Action due (%(org)s): %(title)s")
                    % {"org": action.owner_organisation.name, "title": action.title},
                    action.get_absolute_url(),
                    stamp,
                )
            )
        mous = Mou.objects.filter(partnership__in=visible, status=Mou.Status.IN_FORCE)
        for mou in mous.only("pk", "partnership_id", "title", "term_end")[:MAX_EVENTS]:
            calendar.add_component(
                _event(
                    f"mou-{mou.pk}",
                    mou.term_end,
                    _("MoU ends: %(title)s") % {"title": mou.title},
                    mou.get_absolute_url(),
                    stamp,
                )
            )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    return response
