"""Admin that keeps the budget rules the app keeps (as partnerships/admin/mou.py does for
the MoU): a budget in use changes only through change requests, decisions are the other
party's, and no one agrees to a rule on an organisation's behalf."""

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
from .services.agreements import flexibility_rule_save


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    autocomplete_fields = ["organisation"]

    def _in_use(self, obj) -> bool:
        return obj is not None and not obj.is_draft

    def has_add_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_delete_permission(request, obj)


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "currency", "status", "version", "period_start"]
    list_filter = ["status", "currency"]
    search_fields = ["title", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    # Putting a budget in use is a recorded step in the app, never a field edited here.
    readonly_fields = ["status", "version"]
    inlines = [BudgetLineInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        if obj.is_draft:
            return ["partnership", *self.readonly_fields]
        # In use: currency, period and total change only through an approved request.
        return ["partnership", "currency", "period_start", "period_end", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)


class FlexibilityAgreementInline(ReadOnlyInline):
    """Agreements are given in the app by each organisation's own editors."""

    model = FlexibilityAgreement
    fields = ["organisation", "rule_version", "agreed_by", "agreed_at"]
    readonly_fields = fields


@admin.register(FlexibilityRule)
class FlexibilityRuleAdmin(SimpleHistoryAdmin):
    list_display = ["budget", "percent_threshold", "amount_threshold", "version"]
    list_select_related = ["budget"]
    autocomplete_fields = ["budget"]
    readonly_fields = ["version"]
    inlines = [FlexibilityAgreementInline]

    def get_readonly_fields(self, request, obj=None):
        return ["budget", *self.readonly_fields] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Through the service: a changed rule is a new version every member agrees to anew,
        # and the partners are told, exactly as when it is changed in the app.
        saved = flexibility_rule_save(
            budget=obj.budget,
            user=request.user,
            percent_threshold=obj.percent_threshold,
            amount_threshold=obj.amount_threshold,
        )
        obj.pk, obj.version = saved.pk, saved.version

    def has_delete_permission(self, request, obj=None):
        return False


class ChangeMoveInline(ReadOnlyInline):
    model = ChangeMove
    fields = ["from_line", "to_line", "amount"]
    readonly_fields = fields


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["number", "budget", "requesting_organisation", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["budget", "requesting_organisation"]
    search_fields = ["budget__title", "justification"]
    # Requests are asked, decided, withdrawn and lapse in the app, under the budget's lock.
    readonly_fields = [
        "budget",
        "number",
        "requested_by",
        "requesting_organisation",
        "changes_total",
        "new_currency",
        "new_period_start",
        "new_period_end",
        "status",
        "decided_by",
        "decided_at",
        "decision_comment",
        "created_at",
    ]
    fields = ["justification", *readonly_fields]
    inlines = [ChangeMoveInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetEvent)
class BudgetEventAdmin(admin.ModelAdmin):
    """The history is a record: read it here, never rewrite it."""

    list_display = ["budget", "kind", "actor", "created_at", "total_before", "total_after"]
    list_filter = ["kind"]
    list_select_related = ["budget", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetComment)
class BudgetCommentAdmin(admin.ModelAdmin):
    """Comments may be removed (moderation), never written or edited in someone's name."""

    list_display = ["budget", "author", "created_at"]
    list_select_related = ["budget", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
