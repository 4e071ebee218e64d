"""Reporting schedules, their periods, and the life of a mutual report."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..models import (
    JointIntervention,
    MutualReport,
    Partnership,
    PartnershipMember,
    ReportAttachment,
    ReportComment,
    ReportingExemption,
    ReportingSchedule,
    ReportPeriod,
    ReportRead,
    User,
)
from ..models.reporting import add_months
from ..notify import notify
from ..people import partnership_people

GENERATION_BATCH = 500


# --- Periods ---------------------------------------------------------------------------------


def _plan_periods(schedule: ReportingSchedule, today: datetime.date) -> list[ReportPeriod]:
    """Every period the schedule owes up to today, from where generation stopped."""
    periods = []
    start = schedule.next_period_start
    while start <= today:
        next_start = add_months(start, schedule.interval_months)
        end = next_start - datetime.timedelta(days=1)
        due = end + datetime.timedelta(days=schedule.due_days)
        periods.append(
            ReportPeriod(
                partnership_id=schedule.partnership_id,
                start=start,
                end=end,
                due_date=due,
                remind_from=due - datetime.timedelta(days=schedule.notice_days),
            )
        )
        start = next_start
    schedule.next_period_start = start
    return periods


def _generate_batch(schedules: list[ReportingSchedule], today: datetime.date) -> int:
    """Periods and their empty original reports for a batch of schedules, in a fixed number
    of queries whatever the batch holds."""
    members = defaultdict(list)
    for partnership_id, organisation_id in (
        PartnershipMember.objects.filter(partnership_id__in=[s.partnership_id for s in schedules])
        .order_by("pk")
        .values_list("partnership_id", "organisation_id")
    ):
        members[partnership_id].append(organisation_id)
    chosen = defaultdict(set)
    through = ReportingSchedule.reporting_organisations.through
    for schedule_id, organisation_id in through.objects.filter(
        reportingschedule_id__in=[s.pk for s in schedules]
    ).values_list("reportingschedule_id", "organisation_id"):
        chosen[schedule_id].add(organisation_id)

    periods, reporters = [], []
    for schedule in schedules:
        planned = _plan_periods(schedule, today)
        organisation_ids = [
            o
            for o in members[schedule.partnership_id]
            if not chosen[schedule.pk] or o in chosen[schedule.pk]
        ]
        periods.extend(planned)
        reporters.extend([organisation_ids] * len(planned))
    ReportPeriod.objects.bulk_create(periods)
    MutualReport.objects.bulk_create(
        [
            MutualReport(period=period, organisation_id=organisation_id)
            for period, organisation_ids in zip(periods, reporters, strict=True)
            for organisation_id in organisation_ids
        ]
    )
    # Schedules in a batch mostly move on to the same date: one UPDATE per distinct date is
    # far cheaper than bulk_update's CASE over every row.
    by_date = defaultdict(list)
    for schedule in schedules:
        by_date[schedule.next_period_start].append(schedule.pk)
    for next_start, pks in by_date.items():
        ReportingSchedule.objects.filter(pk__in=pks).update(next_period_start=next_start)
    return len(periods)


def report_periods_generate(
    *, today: datetime.date | None = None, batch_size: int = GENERATION_BATCH
) -> int:
    """Generate the periods that have started for every schedule; safe to run concurrently
    (a schedule another sweep is working on is skipped, and done by that sweep)."""
    today = today or timezone.localdate()
    pending = ReportingSchedule.objects.filter(next_period_start__lte=today).exclude(
        partnership__status=Partnership.Status.CLOSED
    )
    created = 0
    while True:
        with transaction.atomic():
            batch = list(pending.select_for_update(skip_locked=True).order_by("pk")[:batch_size])
            if not batch:
                return created
            created += _generate_batch(batch, today)


def _check_reporters_agreed(partnership: Partnership, chosen_ids: set[int]) -> None:
    """Symmetry: a schedule may leave a member out of reporting only with that member's own
    recorded agreement (a ReportingExemption its admin gave); otherwise every member reports."""
    if not chosen_ids:
        return
    agreed = set(
        ReportingExemption.objects.filter(partnership=partnership).values_list(
            "organisation_id", flat=True
        )
    )
    unagreed = sorted(
        m.organisation.name
        for m in partnership.members.select_related("organisation")
        if m.organisation_id not in chosen_ids and m.organisation_id not in agreed
    )
    if unagreed:
        raise ValidationError(
            gettext_lazy(
                "%(orgs)s has not agreed to stop reporting. Only an organisation's own "
                "admin can agree to that, on the reporting page; until then every "
                "member reports."
            ),
            params={"orgs": ", ".join(unagreed)},
            code="not_agreed",
        )


class ScheduleChanged(ValidationError):
    """Someone saved the schedule between this user's loading the form and saving it."""


@transaction.atomic
def schedule_save(
    *,
    partnership: Partnership,
    schedule_id: int | None,
    interval_months: int,
    first_period_start: datetime.date,
    due_days: int,
    notice_days: int,
    reporting_organisation_ids: list[int],
    intervention_id: int | None = None,
) -> ReportingSchedule:
    """Create or change the partnership's one schedule; periods already generated keep their
    dates and reporters, so a change applies from the next period on. `schedule_id` is the
    schedule the user edited (None for a first one): parallel first saves wait on the
    partnership's row and all but the first get ScheduleChanged."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    _check_reporters_agreed(partnership, set(reporting_organisation_ids))
    schedule = ReportingSchedule.objects.filter(partnership=partnership).first()
    if (schedule.pk if schedule else None) != schedule_id:
        raise ScheduleChanged(
            gettext_lazy(
                "Someone else saved a schedule first; it is shown here: change it if needed."
            )
        )
    schedule = schedule or ReportingSchedule(partnership=partnership)
    schedule.interval_months = interval_months
    schedule.due_days = due_days
    schedule.notice_days = notice_days
    schedule.intervention = (
        JointIntervention.objects.get(pk=intervention_id, partnership=partnership)
        if intervention_id
        else None
    )
    if not ReportPeriod.objects.filter(partnership=partnership).exists():
        schedule.first_period_start = schedule.next_period_start = first_period_start
    schedule.save()
    schedule.reporting_organisations.set(reporting_organisation_ids)
    locked = list(
        ReportingSchedule.objects.select_for_update().filter(
            pk=schedule.pk, next_period_start__lte=timezone.localdate()
        )
    )
    if locked:
        _generate_batch(locked, timezone.localdate())
    return schedule


# --- Reports ---------------------------------------------------------------------------------


def _partner_users(report: MutualReport) -> list[User]:
    """People in the partnership's other organisations."""
    return partnership_people(
        report.period.partnership_id, exclude_org_ids=[report.organisation_id]
    )


def _author_users(report: MutualReport) -> list[User]:
    return partnership_people(only_org_ids=[report.organisation_id], editors_only=True)


class ReportLocked(ValidationError):
    """The report was submitted; only an amendment changes it now."""


@transaction.atomic
def report_save(
    *, report_id: int, user, text: dict[str, str], upload=None, submit: bool = False
) -> MutualReport:
    """Save a draft's text (and one new attachment) and, with `submit`, submit it, all under
    the report's row lock: a report submitted meanwhile (by a colleague, in another tab) is
    never changed, and what is submitted is exactly the text saved here."""
    report = MutualReport.objects.select_for_update().get(pk=report_id)
    if report.is_submitted:
        raise ReportLocked(gettext_lazy("A submitted report is read-only; amend it to correct it."))
    for name, value in text.items():
        setattr(report, name, value)
    report.save(update_fields=[*text, "updated_at"])
    if upload:
        ReportAttachment.objects.create(
            report=report, file=upload, name=upload.name[:255], size=upload.size, uploaded_by=user
        )
    if submit:
        report = report_submit(report_id=report.pk, user=user)
    return report


@transaction.atomic
def report_attachment_delete(*, attachment_id: int) -> None:
    """Remove a draft's attachment; the report's row lock keeps a submission from racing it.
    The file goes once the row is gone for good."""
    attachment = ReportAttachment.objects.select_related("report").get(pk=attachment_id)
    report = MutualReport.objects.select_for_update().get(pk=attachment.report_id)
    if report.is_submitted:
        raise ReportLocked(gettext_lazy("A submitted report is read-only; amend it to correct it."))
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))


@transaction.atomic
def report_submit(*, report_id: int, user) -> MutualReport:
    report = (
        MutualReport.objects.select_for_update()
        .select_related("period__partnership", "organisation")
        .get(pk=report_id)
    )
    if report.is_submitted:
        return report
    report.status = MutualReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    message = (
        gettext_lazy("%(organisation)s amended its report for %(period)s.")
        if report.is_amendment
        else gettext_lazy("%(organisation)s submitted its report for %(period)s.")
    )
    params = {"organisation": report.organisation.name, "period": str(report.period)}
    notify(
        _partner_users(report),
        message=message,
        params=params,
        url=report.get_absolute_url(),
        partnership=report.period.partnership,
        email_template="emails/report_submitted",
        email_context={
            **params,
            "partnership": report.period.partnership.title,
            "amendment": report.is_amendment,
        },
    )
    return report


@transaction.atomic
def report_amend(*, report_id: int, user) -> MutualReport:
    """The open draft amendment of a submitted report, or a new one that starts from the
    latest submitted text; the original stays as it was submitted."""
    original = MutualReport.objects.select_for_update().get(pk=report_id)
    draft = original.amendments.filter(status=MutualReport.Status.DRAFT).first()
    if draft:
        return draft
    latest = (
        original.amendments.filter(status=MutualReport.Status.SUBMITTED)
        .order_by("-submitted_at")
        .first()
        or original
    )
    amendment = MutualReport(
        period_id=original.period_id,
        organisation_id=original.organisation_id,
        amends=original,
        **{name: getattr(latest, name) for name in MutualReport.CONTENT_FIELDS},
    )
    amendment.save()
    return amendment


def report_comment_add(
    *, report: MutualReport, user, organisation, body: str, reply_to: ReportComment | None = None
) -> ReportComment:
    comment = ReportComment.objects.create(
        report=report, author=user, organisation=organisation, body=body, reply_to=reply_to
    )
    recipients = set(_author_users(report)) | set(_partner_users(report))
    if comment.reply_to and comment.reply_to.author:
        recipients.add(comment.reply_to.author)
    recipients.discard(user)
    notify(
        recipients,
        message=gettext_lazy("%(author)s commented on the report of %(organisation)s."),
        params={"author": user.display_name, "organisation": report.organisation.name},
        url=report.get_absolute_url(),
        partnership=report.period.partnership,
    )
    return comment


def report_read_record(*, report: MutualReport, user, organisation_ids: set[int]) -> None:
    """A read receipt for partners; the authors' own reading is not news to them."""
    if report.is_submitted and report.organisation_id not in organisation_ids:
        ReportRead.objects.bulk_create(
            [ReportRead(report=report, user=user)], ignore_conflicts=True
        )


# --- Overview --------------------------------------------------------------------------------

ON_TIME, LATE, MISSING, OPEN, NOT_DUE = "on_time", "late", "missing", "open", "not_due"
STATUS_LABELS = {
    ON_TIME: gettext_lazy("On time"),
    LATE: gettext_lazy("Late"),
    MISSING: gettext_lazy("Missing"),
    OPEN: gettext_lazy("Not yet due"),
    NOT_DUE: gettext_lazy("Not expected"),
}


def report_state(report: MutualReport, today: datetime.date) -> str:
    if report.submitted_at:
        submitted = timezone.localdate(report.submitted_at)
        return ON_TIME if submitted <= report.period.due_date else LATE
    return MISSING if today > report.period.due_date else OPEN


@dataclass
class Cell:
    state: str
    report: MutualReport | None = None

    @property
    def label(self):
        return STATUS_LABELS[self.state]


@dataclass
class Row:
    period: ReportPeriod
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Overview:
    organisations: list
    rows: list[Row]
    punctuality: list[dict]


def overview(
    partnership: Partnership, today: datetime.date | None = None, own_organisation_ids=()
) -> Overview:
    """Periods × organisations, judged by the same rule for every organisation. The reader's
    own organisations come first (on a phone, the column in view); the others keep their
    order."""
    today = today or timezone.localdate()
    members = list(partnership.members.select_related("organisation").order_by("pk"))
    members.sort(key=lambda m: m.organisation_id not in own_organisation_ids)
    organisations = [m.organisation for m in members]
    periods = list(partnership.report_periods.order_by("-start"))
    reports = (
        MutualReport.objects.filter(period__partnership=partnership, amends__isnull=True)
        .select_related("period")
        .annotate(
            amendment_count=Count(
                "amendments", filter=Q(amendments__status=MutualReport.Status.SUBMITTED)
            )
        )
    )
    by_key = {(r.period_id, r.organisation_id): r for r in reports}
    rows, tallies = [], {o.pk: defaultdict(int) for o in organisations}
    for period in periods:
        row = Row(period=period)
        for organisation in organisations:
            report = by_key.get((period.pk, organisation.pk))
            state = report_state(report, today) if report else NOT_DUE
            tallies[organisation.pk][state] += 1
            row.cells.append(Cell(state=state, report=report))
        rows.append(row)
    punctuality = [
        {
            "organisation": o,
            "on_time": tallies[o.pk][ON_TIME],
            "late": tallies[o.pk][LATE],
            "missing": tallies[o.pk][MISSING],
        }
        for o in organisations
    ]
    return Overview(organisations=organisations, rows=rows, punctuality=punctuality)


def summary(partnership: Partnership, today: datetime.date | None = None) -> dict:
    """The figures the partnership page shows, per organisation (never summed across them:
    one partner's punctuality must not hide another's), in two queries whatever the history."""
    today = today or timezone.localdate()
    schedule = ReportingSchedule.objects.filter(partnership=partnership).first()
    if schedule is None:
        return {"schedule": None}
    originals = MutualReport.objects.filter(period__partnership=partnership, amends__isnull=True)
    due_before = Q(period__due_date__lt=today)
    by_organisation = list(
        originals.values("organisation_id", "organisation__name")
        .annotate(
            on_time=Count(
                "pk",
                filter=Q(submitted_at__isnull=False)
                & Q(submitted_at__date__lte=F("period__due_date")),
            ),
            late=Count(
                "pk",
                filter=Q(submitted_at__isnull=False)
                & Q(submitted_at__date__gt=F("period__due_date")),
            ),
            missing=Count("pk", filter=Q(submitted_at__isnull=True) & due_before),
            open=Count("pk", filter=Q(submitted_at__isnull=True) & ~due_before),
        )
        .order_by("organisation__name")
    )
    return {
        "schedule": schedule,
        "by_organisation": by_organisation,
        "overview_url": reverse("partnerships:reporting", args=[partnership.pk]),
    }


def reports_due_for(access, today: datetime.date | None = None) -> list[MutualReport]:
    """The reports the user's own organisations still owe in this partnership (periods that
    have started, not submitted yet), most urgent first: the user's next step. One query."""
    today = today or timezone.localdate()
    writers = [m.organisation_id for m in access.memberships if m.can_edit]
    if not writers:
        return []
    reports = list(
        MutualReport.objects.filter(
            period__partnership=access.partnership,
            organisation_id__in=writers,
            amends__isnull=True,
            status=MutualReport.Status.DRAFT,
            period__start__lte=today,
        )
        .select_related("period", "organisation")
        .order_by("period__due_date", "organisation_id")
    )
    for report in reports:
        report.overdue = report.period.due_date < today
    return reports
