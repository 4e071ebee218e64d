from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import (
    Assessment,
    AssessmentRound,
    CapacityAction,
    Domain,
    Framework,
    Item,
    LearningExchange,
    LearningNeed,
    Level,
    Mentorship,
    MentorshipSession,
    PeerOrganisation,
    Score,
    TargetGroupActivity,
)
from .services import assessment as assessment_services
from .services import plan as plan_services


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    max_num = 4


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    inlines = [LevelInline, DomainInline]

    def has_delete_permission(self, request, obj=None):
        # A framework that rounds used stays, or their scores would lose their meaning.
        if obj is not None and obj.rounds.exists():
            return False
        return super().has_delete_permission(request, obj)


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "framework", "applies_to", "order"]
    list_filter = ["framework", "applies_to"]
    inlines = [ItemInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["text", "domain", "order", "is_active"]
    list_filter = ["domain__framework", "domain", "is_active"]
    search_fields = ["text"]

    def has_delete_permission(self, request, obj=None):
        # Retire a scored item (untick "active"); deleting it would rewrite past rounds.
        if obj is not None and obj.rounds.exists():
            return False
        return super().has_delete_permission(request, obj)


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    fields = ["item", "score", "evidence", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["assessor", "subject", "status", "submitted_by", "submitted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AssessmentRound)
class AssessmentRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "framework", "opened_on"]
    list_select_related = ["partnership", "framework"]
    search_fields = ["title", "partnership__title"]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", "framework", "title", "opened_on", "created_by"]
    readonly_fields = ["created_by"]
    inlines = [AssessmentInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            # The items and organisations of a started round are fixed.
            return ["partnership", "framework", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = assessment_services.round_start(
            partnership=obj.partnership,
            framework=obj.framework,
            title=obj.title,
            opened_on=obj.opened_on,
            user=request.user,
        )
        obj.pk = created.pk
        obj.created_by = request.user
        obj._state.adding = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only: scores change only through the app, before they are submitted."""

    list_display = ["round", "assessor", "subject", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["round", "assessor", "subject"]
    fields = ["round", "assessor", "subject", "status", "submitted_by", "submitted_at"]
    readonly_fields = fields
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A draft may be cleared; a submitted assessment is part of the record.
        if obj is not None and obj.is_submitted:
            return False
        return super().has_delete_permission(request, obj)


class CapacityActionAdminForm(forms.ModelForm):
    class Meta:
        model = CapacityAction
        fields = ["partnership", *plan_services.FIELDS]

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership") or getattr(self.instance, "partnership", None)
        if partnership is not None:
            member_ids = set(partnership.members.values_list("organisation_id", flat=True))
            try:
                plan_services.validate_action(
                    partnership=partnership, member_ids=member_ids, values=cleaned
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field if field in self.fields else None, message)
        return cleaned


@admin.register(CapacityAction)
class CapacityActionAdmin(admin.ModelAdmin):
    form = CapacityActionAdminForm
    list_display = ["title", "partnership", "receiving", "providing", "kind", "due_date", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["partnership", "receiving", "providing"]
    search_fields = ["title", "partnership__title"]
    autocomplete_fields = ["partnership", "receiving", "providing"]
    raw_id_fields = ["budget_line", "round", "learning_need"]


@admin.register(LearningNeed)
class LearningNeedAdmin(admin.ModelAdmin):
    list_display = ["need", "person", "organisation", "partnership", "status", "shared"]
    list_filter = ["status", "shared"]
    list_select_related = ["person", "organisation", "partnership"]
    search_fields = ["need", "person__email"]
    autocomplete_fields = ["partnership", "organisation"]
    raw_id_fields = ["person"]


@admin.register(PeerOrganisation)
class PeerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "partnership"]
    search_fields = ["name", "expertise"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["added_by"]


@admin.register(LearningExchange)
class LearningExchangeAdmin(admin.ModelAdmin):
    list_display = ["topic", "held_on", "partnership"]
    search_fields = ["topic"]
    autocomplete_fields = ["partnership"]
    filter_horizontal = ["organisations", "peers"]
    readonly_fields = ["created_by"]


class SessionInline(admin.TabularInline):
    model = MentorshipSession
    extra = 0
    readonly_fields = ["logged_by"]


class MentorshipAdminForm(forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["partnership", "mentor", "mentee", "focus", "started_on", "is_active"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mentor") and cleaned.get("mentor") == cleaned.get("mentee"):
            self.add_error("mentee", _("A mentor and a mentee are two different people."))
        return cleaned


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    form = MentorshipAdminForm
    list_display = ["mentor", "mentee", "focus", "partnership", "is_active"]
    list_select_related = ["mentor", "mentee", "partnership"]
    autocomplete_fields = ["partnership"]
    raw_id_fields = ["mentor", "mentee"]
    inlines = [SessionInline]


@admin.register(TargetGroupActivity)
class TargetGroupActivityAdmin(admin.ModelAdmin):
    list_display = ["topic", "held_on", "organisation", "partnership"]
    list_select_related = ["organisation", "partnership"]
    autocomplete_fields = ["partnership", "organisation"]
