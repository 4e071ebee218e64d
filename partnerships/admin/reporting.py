from django.contrib import admin

from ..models import (
    MutualReport,
    Reminder,
    ReminderEmail,
    ReportAttachment,
    ReportComment,
    ReportingSchedule,
    ReportPeriod,
)


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(admin.ModelAdmin):
    list_display = [
        "partnership",
        "interval_months",
        "first_period_start",
        "next_period_start",
        "due_days",
        "notice_days",
    ]
    raw_id_fields = ["partnership", "intervention"]
    # Who reports changes only in the app, where leaving an organisation out needs that
    # organisation's own recorded agreement.
    readonly_fields = ["reporting_organisations"]


@admin.register(ReportPeriod)
class ReportPeriodAdmin(admin.ModelAdmin):
    list_display = ["partnership", "start", "end", "due_date"]
    raw_id_fields = ["partnership"]
    date_hierarchy = "due_date"


class AttachmentInline(admin.TabularInline):
    model = ReportAttachment
    extra = 0
    raw_id_fields = ["uploaded_by"]


class CommentInline(admin.TabularInline):
    model = ReportComment
    extra = 0
    raw_id_fields = ["author", "organisation", "reply_to"]


@admin.register(MutualReport)
class MutualReportAdmin(admin.ModelAdmin):
    list_display = ["organisation", "period", "status", "submitted_at", "amends"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "period__partnership__title"]
    raw_id_fields = ["period", "organisation", "amends", "submitted_by"]
    inlines = [AttachmentInline, CommentInline]


class ReminderEmailInline(admin.TabularInline):
    model = ReminderEmail
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["report", "kind", "sequence", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["period", "organisation", "report"]
    inlines = [ReminderEmailInline]
