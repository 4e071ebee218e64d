from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import access_for
from ..forms.reporting import MutualReportForm, ReportCommentForm, ReportingScheduleForm
from ..models import MutualReport, ReportAttachment, ReportingSchedule, ReportPeriod
from ..page_cache import cached_page
from ..services import reporting as services
from ..uploads import serve_file


def _report(access, report_pk) -> MutualReport:
    return get_object_or_404(
        MutualReport.objects.filter(period__partnership=access.partnership).select_related(
            "period", "organisation", "amends", "submitted_by"
        ),
        pk=report_pk,
    )


def _require_author(access, report: MutualReport) -> None:
    """Only editors of the reporting organisation write its report."""
    if not any(
        m.can_edit and m.organisation_id == report.organisation_id for m in access.memberships
    ):
        raise PermissionDenied


@login_required
@cached_page
def reporting_overview(request, pk):
    access = access_for(request.user, pk)
    schedule = ReportingSchedule.objects.filter(partnership=access.partnership).first()
    return render(
        request,
        "partnerships/reporting/overview.html",
        {
            "partnership": access.partnership,
            "access": access,
            "schedule": schedule,
            "overview": services.overview(
                access.partnership, own_organisation_ids=access.organisation_ids
            ),
            "reports_due": services.reports_due_for(access),
        },
    )


@login_required
def schedule_edit(request, pk):
    access = access_for(request.user, pk, edit=True)
    schedule = ReportingSchedule.objects.filter(partnership=access.partnership).first()
    # Periods come with a schedule: read separately, a first schedule saved by someone else
    # between the two reads gave a first-save form with its start date locked and empty.
    has_periods = (
        schedule is not None
        and ReportPeriod.objects.filter(partnership=access.partnership).exists()
    )
    form = ReportingScheduleForm(
        request.POST or None,
        instance=schedule,
        partnership=access.partnership,
        has_periods=has_periods,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The schedule the page showed (empty for a first one): a save made meanwhile by
        # someone else is then reported instead of overwritten.
        shown = request.POST.get("schedule_id", schedule.pk if schedule else "")
        try:
            services.schedule_save(
                partnership=access.partnership,
                schedule_id=int(shown) if str(shown).isdigit() else None,
                interval_months=data["interval_months"],
                first_period_start=data["first_period_start"],
                due_days=data["due_days"],
                notice_days=data["notice_days"],
                reporting_organisation_ids=[o.pk for o in data["reporting_organisations"]],
                intervention_id=data["intervention"].pk if data.get("intervention") else None,
            )
        except services.ScheduleChanged as error:
            messages.warning(request, " ".join(error.messages))
            return redirect("partnerships:reporting_schedule", access.partnership.pk)
        except ValidationError as error:
            form.add_error("reporting_organisations", error)
        else:
            messages.success(request, _("The reporting schedule was saved."))
            return redirect("partnerships:reporting", access.partnership.pk)
    return render(
        request,
        "partnerships/reporting/schedule_form.html",
        {
            "partnership": access.partnership,
            "form": form,
            "schedule": schedule,
        },
    )


@login_required
def report_detail(request, pk, report_pk):
    access = access_for(request.user, pk)
    report = _report(access, report_pk)
    services.report_read_record(
        report=report, user=request.user, organisation_ids=access.organisation_ids
    )
    original = report.amends or report
    is_author = any(m.organisation_id == report.organisation_id for m in access.memberships)
    return render(
        request,
        "partnerships/reporting/report_detail.html",
        {
            "partnership": access.partnership,
            "access": access,
            "report": report,
            "can_write": any(
                m.can_edit and m.organisation_id == report.organisation_id
                for m in access.memberships
            ),
            "is_author": is_author,
            "versions": [original, *original.amendments.order_by("created_at")],
            "attachments": report.attachments.all(),
            "comments": report.comments.select_related(
                "author", "organisation", "reply_to__author"
            ),
            "reads": report.reads.select_related("user") if is_author else [],
            "comment_form": ReportCommentForm(report=report),
            "today": timezone.localdate(),
        },
    )


@login_required
def report_edit(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    _require_author(access, report)
    if report.is_submitted:
        messages.info(request, _("A submitted report is read-only; amend it to correct it."))
        return redirect(report)
    form = MutualReportForm(request.POST or None, request.FILES or None, instance=report)
    if request.method == "POST" and form.text_is_valid():
        # The text is kept even when the file is refused; the page then says why.
        refused = "attachment" in form.errors
        submit = "submit" in request.POST and not refused
        try:
            services.report_save(
                report_id=report.pk,
                user=request.user,
                text={
                    name: form.cleaned_data[name] for name in form.fields if name != "attachment"
                },
                upload=None if refused else form.cleaned_data.get("attachment"),
                submit=submit,
            )
        except services.ReportLocked as error:
            messages.info(request, " ".join(error.messages))
            return redirect(report)
        if refused:
            messages.warning(request, _("Your draft was saved, but the attachment was refused."))
        elif submit:
            messages.success(request, _("Your draft was saved."))
            messages.success(request, _("The report was submitted to your partners."))
            return redirect(report)
        else:
            messages.success(request, _("Your draft was saved."))
            return redirect("partnerships:report_edit", pk, report.pk)
    return render(
        request,
        "partnerships/reporting/report_form.html",
        {
            "partnership": access.partnership,
            "report": report,
            "form": form,
            "attachments": report.attachments.all(),
        },
    )


@login_required
@require_POST
def report_submit(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    _require_author(access, report)
    services.report_submit(report_id=report.pk, user=request.user)
    messages.success(request, _("The report was submitted to your partners."))
    return redirect(report)


@login_required
@require_POST
def report_amend(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    _require_author(access, report)
    original = report.amends or report
    if not original.is_submitted:
        return redirect("partnerships:report_edit", pk, original.pk)
    amendment = services.report_amend(report_id=original.pk, user=request.user)
    return redirect("partnerships:report_edit", pk, amendment.pk)


@login_required
@require_POST
def report_comment(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    if not report.is_submitted:
        # Drafts are private to their authors; only a submitted report is discussed.
        raise PermissionDenied
    form = ReportCommentForm(request.POST, report=report)
    if form.is_valid():
        organisation = next(iter(access.editable_organisations), None)
        services.report_comment_add(
            report=report,
            user=request.user,
            organisation=organisation,
            body=form.cleaned_data["body"],
            reply_to=form.cleaned_data.get("reply_to"),
        )
        messages.success(request, _("Your comment was posted."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect(report)


def _attachment(access, attachment_pk) -> ReportAttachment:
    return get_object_or_404(
        ReportAttachment.objects.filter(
            report__period__partnership=access.partnership
        ).select_related("report"),
        pk=attachment_pk,
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    access = access_for(request.user, pk)
    attachment = _attachment(access, attachment_pk)
    if (
        not attachment.report.is_submitted
        and attachment.report.organisation_id not in access.organisation_ids
    ):
        # A draft's files are the authors' alone, as its text is.
        raise Http404
    return serve_file(attachment.file, attachment.name)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    access = access_for(request.user, pk, edit=True)
    attachment = _attachment(access, attachment_pk)
    _require_author(access, attachment.report)
    try:
        services.report_attachment_delete(attachment_id=attachment.pk)
    except services.ReportLocked as error:
        raise PermissionDenied(" ".join(error.messages)) from error
    messages.success(request, _("The attachment was removed."))
    return redirect("partnerships:report_edit", pk, attachment.report_id)
