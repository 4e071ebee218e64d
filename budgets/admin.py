from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Budget,
    BudgetComment,
    BudgetEvent,
    BudgetLine,
    ChangeMove,
    ChangeRequest,
    FlexibilityAgreement,
    FlexibilityRule,
)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "currency", "status", "version", "period_start"]
    list_filter = ["status", "currency"]
    search_fields = ["title", "partnership__title"]
    autocomplete_fields = ["partnership"]
    inlines = [BudgetLineInline]


class FlexibilityAgreementInline(admin.TabularInline):
    model = FlexibilityAgreement
    extra = 0
    readonly_fields = ["agreed_at"]


@admin.register(FlexibilityRule)
class FlexibilityRuleAdmin(SimpleHistoryAdmin):
    list_display = ["budget", "percent_threshold", "amount_threshold", "version"]
    inlines = [FlexibilityAgreementInline]


class ChangeMoveInline(admin.TabularInline):
    model = ChangeMove
    extra = 0


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "budget", "requesting_organisation", "status", "created_at"]
    list_filter = ["status"]
    inlines = [ChangeMoveInline]


@admin.register(BudgetEvent)
class BudgetEventAdmin(admin.ModelAdmin):
    list_display = ["budget", "kind", "actor", "created_at", "total_before", "total_after"]
    list_filter = ["kind"]


@admin.register(BudgetComment)
class BudgetCommentAdmin(admin.ModelAdmin):
    list_display = ["budget", "author", "created_at"]
