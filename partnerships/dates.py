"""One way to show dates and times everywhere: the active language's long date format (never
12/01/2026, which reads as 12 January in most of the world), times in the active time zone
(the user's own, see middleware.UserPreferencesMiddleware) followed by its name."""

import datetime

from django.utils import formats, timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext


def local_date(day: datetime.date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def period_label(start: datetime.date, end: datetime.date) -> str:
    return f"{local_date(start)} – {local_date(end)}"


def local_datetime(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    moment = timezone.localtime(moment)
    return "{date}, {time} {zone}".format(
        date=formats.date_format(moment, "DATE_FORMAT"),
        time=formats.time_format(moment, "TIME_FORMAT"),
        zone=moment.tzname(),
    )


def time_ago(moment: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """'just now' for the first minute, then '3 hours ago'; never '0 minutes'."""
    if moment is None:
        return ""
    now = now or timezone.now()
    if (now - moment).total_seconds() < 60:
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": timesince(moment, now, depth=1)}
