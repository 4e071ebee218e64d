from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import access_for
from ..forms.reporting import MutualReportForm, ReportCommentForm, ReportingScheduleForm
from ..models import MutualReport, ReportAttachment, ReportingSchedule, ReportPeriod
from ..services import reporting as services


def _report(access, report_pk) -> MutualReport:
    return get_object_or_404(
        MutualReport.objects.filter(period__partnership=access.partnership)
        .select_related("period", "organisation", "amends", "submitted_by"),
        pk=report_pk,
    )


def _require_author(access, report: MutualReport) -> None:
    """Only editors of the reporting organisation write its report."""
    if not any(m.can_edit and m.organisation_id == report.organisation_id
               for m in access.memberships):
        raise PermissionDenied


@login_required
def reporting_overview(request, pk):
    access = access_for(request.user, pk)
    schedule = ReportingSchedule.objects.filter(partnership=access.partnership).first()
    return render(request, "partnerships/reporting/overview.html", {
        "partnership": access.partnership, "access": access, "schedule": schedule,
        "overview": services.overview(access.partnership,
                                      own_organisation_ids=access.organisation_ids),
        "reports_due": services.reports_due_for(access),
    })


@login_required
def schedule_edit(request, pk):
    access = access_for(request.user, pk, edit=True)
    schedule = ReportingSchedule.objects.filter(partnership=access.partnership).first()
    has_periods = ReportPeriod.objects.filter(partnership=access.partnership).exists()
    form = ReportingScheduleForm(
        request.POST or None, instance=schedule, partnership=access.partnership,
        has_periods=has_periods,
    )
    if request.method == "POST" and form.is_valid():
        services.save_schedule(form, access.partnership)
        messages.success(request, _("The reporting schedule was saved."))
        return redirect("partnerships:reporting", access.partnership.pk)
    return render(request, "partnerships/reporting/schedule_form.html", {
        "partnership": access.partnership, "form": form, "schedule": schedule,
    })


@login_required
def report_detail(request, pk, report_pk):
    access = access_for(request.user, pk)
    report = _report(access, report_pk)
    services.record_read(report, request.user, access.organisation_ids)
    original = report.amends or report
    is_author = any(m.organisation_id == report.organisation_id for m in access.memberships)
    return render(request, "partnerships/reporting/report_detail.html", {
        "partnership": access.partnership, "access": access, "report": report,
        "can_write": any(m.can_edit and m.organisation_id == report.organisation_id
                         for m in access.memberships),
        "is_author": is_author,
        "versions": [original, *original.amendments.order_by("created_at")],
        "attachments": report.attachments.all(),
        "comments": report.comments.select_related("author", "organisation", "reply_to__author"),
        "reads": report.reads.select_related("user") if is_author else [],
        "comment_form": ReportCommentForm(report=report),
        "today": timezone.localdate(),
    })


@login_required
def report_edit(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    _require_author(access, report)
    if report.is_submitted:
        messages.info(request, _("A submitted report is read-only; amend it to correct it."))
        return redirect(report)
    form = MutualReportForm(request.POST or None, request.FILES or None, instance=report)
    if request.method == "POST":
        if form.text_is_valid():
            refused = "attachment" in form.errors
            with transaction.atomic():
                # Saved field by field: ModelForm.save() refuses a form with any error.
                text_fields = [name for name in form.fields if name != "attachment"]
                for name in text_fields:
                    setattr(report, name, form.cleaned_data[name])
                report.save(update_fields=[*text_fields, "updated_at"])
                upload = None if refused else form.cleaned_data.get("attachment")
                if upload:
                    ReportAttachment.objects.create(
                        report=report, file=upload, name=upload.name[:255], size=upload.size,
                        uploaded_by=request.user,
                    )
            if refused:
                # The text is kept; only the file is refused, and the page says why.
                messages.warning(request, _("Your draft was saved, but the attachment was "
                                            "refused."))
            else:
                messages.success(request, _("Your draft was saved."))
                if "submit" in request.POST:
                    services.submit_report(report, request.user)
                    messages.success(request, _("The report was submitted to your partners."))
                    return redirect(report)
                return redirect("partnerships:report_edit", pk, report.pk)
    return render(request, "partnerships/reporting/report_form.html", {
        "partnership": access.partnership, "report": report, "form": form,
        "attachments": report.attachments.all(),
    })


@login_required
@require_POST
def report_submit(request, pk, report_pk):
    access = access_for(request.user, pk, edit=True)
    report = _report(access, report_pk)
    _require_author(access, report)
    services.submit_report(report, request.user)
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
    amendment = services.start_amendment(original, request.user)
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
        organisation = next((m.organisation for m in access.memberships if m.can_edit), None)
        services.add_comment(form, report, request.user, organisation)
        messages.success(request, _("Your comment was posted."))
    else:
        messages.error(request, _("The comment was empty."))
    return redirect(report)


def _attachment(access, attachment_pk) -> ReportAttachment:
    return get_object_or_404(
        ReportAttachment.objects.filter(report__period__partnership=access.partnership)
        .select_related("report"),
        pk=attachment_pk,
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    access = access_for(request.user, pk)
    attachment = _attachment(access, attachment_pk)
    if (not attachment.report.is_submitted
            and attachment.report.organisation_id not in access.organisation_ids):
        # A draft's files are the authors' alone, as its text is.
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.name)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    access = access_for(request.user, pk, edit=True)
    attachment = _attachment(access, attachment_pk)
    _require_author(access, attachment.report)
    if attachment.report.is_submitted:
        raise PermissionDenied
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, _("The attachment was removed."))
    return redirect("partnerships:report_edit", pk, attachment.report_id)
