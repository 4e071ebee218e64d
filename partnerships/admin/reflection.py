from django.contrib import admin

from ..models import ReflectionAnswer, ReflectionQuestion, ReflectionResponse, ReflectionRound


@admin.register(ReflectionQuestion)
class ReflectionQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "dimension", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["dimension", "is_active"]
    search_fields = ["text"]


class ReflectionResponseInline(admin.TabularInline):
    model = ReflectionResponse
    extra = 0
    fields = ["organisation", "submitted_by", "submitted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReflectionRound)
class ReflectionRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "held_on", "created_at"]
    search_fields = ["title", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    filter_horizontal = ["questions"]
    inlines = [ReflectionResponseInline]


class ReflectionAnswerInline(admin.TabularInline):
    model = ReflectionAnswer
    extra = 0


@admin.register(ReflectionResponse)
class ReflectionResponseAdmin(admin.ModelAdmin):
    list_display = ["round", "organisation", "submitted_at"]
    list_select_related = ["round", "organisation"]
    inlines = [ReflectionAnswerInline]
