from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from ..models import (
    AgreedAction,
    CalendarFeed,
    JointIntervention,
    MemberRemoval,
    OrganisationEvent,
    PartnershipEvent,
    PartnershipInvitation,
    ReportingExemption,
)
from ..services.actions import _check as check_action


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of consent and of changes: seen here, made only in the app, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PartnershipInvitation)
class PartnershipInvitationAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "partnership", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["organisation__name", "partnership__title"]
    list_select_related = ["organisation", "partnership"]


@admin.register(MemberRemoval)
class MemberRemovalAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "partnership", "status", "created_at", "closed_at"]
    list_filter = ["status"]
    list_select_related = ["organisation", "partnership"]


@admin.register(PartnershipEvent)
class PartnershipEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "partnership", "action", "actor_name", "organisation_name"]
    list_filter = ["action"]
    search_fields = ["partnership__title", "organisation_name", "actor_name"]
    list_select_related = ["partnership"]


@admin.register(OrganisationEvent)
class OrganisationEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "organisation", "action", "actor_name", "subject_name"]
    list_filter = ["action"]
    search_fields = ["organisation__name", "actor_name", "subject_name"]
    list_select_related = ["organisation"]


@admin.register(ReportingExemption)
class ReportingExemptionAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "partnership", "agreed_by", "agreed_at"]
    list_select_related = ["organisation", "partnership", "agreed_by"]


class AgreedActionAdminForm(forms.ModelForm):
    class Meta:
        model = AgreedAction
        fields = [
            "partnership",
            "intervention",
            "title",
            "notes",
            "source",
            "reflection_round",
            "report",
            "owner_organisation",
            "owner",
            "due_date",
            "status",
            "created_by",
        ]

    def clean(self):
        cleaned = super().clean()
        partnership = cleaned.get("partnership")
        if partnership and cleaned.get("due_date"):
            try:
                check_action(
                    partnership,
                    owner_organisation=cleaned.get("owner_organisation"),
                    owner=cleaned.get("owner"),
                    due_date=cleaned["due_date"],
                    intervention=cleaned.get("intervention"),
                )
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return cleaned


@admin.register(AgreedAction)
class AgreedActionAdmin(admin.ModelAdmin):
    form = AgreedActionAdminForm
    list_display = ["title", "partnership", "owner_organisation", "due_date", "status"]
    list_filter = ["status", "source"]
    search_fields = ["title", "partnership__title"]
    list_select_related = ["partnership", "owner_organisation"]
    raw_id_fields = [
        "partnership",
        "reflection_round",
        "report",
        "owner",
        "created_by",
        "intervention",
    ]
    readonly_fields = ["closed_at", "created_at"]


@admin.register(JointIntervention)
class JointInterventionAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "status", "start_date", "end_date"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__title"]
    raw_id_fields = ["partnership"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """Deleting a feed revokes it; the token is never shown."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    fields = ["user", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
