from django.contrib import admin
from django.db.models import Max
from simple_history.admin import SimpleHistoryAdmin

from ..forms.mou import MouForm
from ..models import DecisionArea, Mou, MouSignature
from ..services import mou as services


class MouSignatureInline(admin.TabularInline):
    model = MouSignature
    extra = 0
    can_delete = False
    fields = ["organisation", "full_name", "title", "user", "signed_at", "content_hash"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Mou)
class MouAdmin(admin.ModelAdmin):
    form = MouForm
    list_display = ["title", "partnership", "version", "status", "term_start", "term_end"]
    list_filter = ["status", "language"]
    search_fields = ["title", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = [
        "version",
        "status",
        "content_hash",
        "decision_matrix",
        "parties",
        "sent_at",
        "in_force_at",
        "created_by",
    ]
    fields = [
        "partnership",
        "title",
        "language",
        "term_start",
        "term_end",
        "decision_making",
        "accountability",
        "transparency",
        "resources",
        "communication",
        "representation",
        *readonly_fields,
    ]
    inlines = [MouSignatureInline]

    def _frozen(self, obj) -> bool:
        return obj is not None and (obj.is_locked or obj.signatures.exists())

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["partnership", *self.readonly_fields]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # Signed content is read-only here; a change must start a new version in the app.
        if self._frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._frozen(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.version = (
                Mou.objects.filter(partnership=obj.partnership).aggregate(v=Max("version"))["v"]
                or 0
            ) + 1
            obj.created_by = request.user
        obj.decision_matrix = services.matrix_snapshot(obj.partnership)
        obj.parties = services.parties_snapshot(obj.partnership)
        super().save_model(request, obj, form, change)


@admin.register(DecisionArea)
class DecisionAreaAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "area", "decider"]
    list_filter = ["area", "decider"]
    search_fields = ["partnership__title", "notes"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and DecisionArea.is_locked_for(obj.partnership_id):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and DecisionArea.is_locked_for(obj.partnership_id):
            return False
        return super().has_delete_permission(request, obj)
