"""Admin keeps the app's rules: a case's content is never shown here (not to superusers
either), and its state changes only through the app's services. Admin sees metadata only."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .access import organisations_missing_focal_point
from .models import (
    Adaptation,
    Case,
    Channel,
    Consultation,
    ConsultationInput,
    RepresentedGroup,
    SensitiveAccess,
)
from .services.channel import CHANNEL_FIELDS

CASE_METADATA = [
    "reference",
    "partnership",
    "kind",
    "via",
    "language",
    "status",
    "received_at",
    "acknowledge_due",
    "respond_due",
    "acknowledged_at",
    "responded_at",
    "closed_at",
    "assigned_organisation",
    "contact_erased_at",
    "text_erased_at",
]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["reference", "partnership", "kind", "status", "via", "received_at"]
    list_filter = ["kind", "status", "via"]
    search_fields = ["reference"]
    list_select_related = ["partnership"]
    fields = CASE_METADATA
    readonly_fields = CASE_METADATA

    def get_queryset(self, request):
        # Never load the encrypted columns, so they cannot leak into a page by mistake.
        return super().get_queryset(request).defer("text", "contact", "response")


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(ReadOnlyAdmin):
    list_display = ["case", "user", "action", "at"]
    list_filter = ["action"]
    list_select_related = ["case", "user"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("case__text", "case__contact", "case__response")


class ChannelAdminForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["partnership", *CHANNEL_FIELDS]

    def clean(self):
        data = super().clean()
        if (data.get("acknowledge_days") or 0) > (data.get("respond_days") or 0):
            raise ValidationError(_("Acknowledging cannot take longer than responding."))
        return data


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    form = ChannelAdminForm
    list_display = [
        "public_name",
        "partnership",
        "web_form_open",
        "wants_sensitive",
        "results_public",
    ]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["slug"]
    exclude = ["webhook_secret"]

    def save_model(self, request, obj, form, change):
        missing = organisations_missing_focal_point(obj.partnership_id)
        if obj.wants_sensitive and missing:
            # Saved, but the public form offers the kind only once every member has one.
            self.message_user(
                request,
                _(
                    "Sensitive reports are not offered until every member "
                    "organisation has a safeguarding focal point."
                ),
            )
        super().save_model(request, obj, form, change)


class GroupInline(admin.TabularInline):
    model = RepresentedGroup
    extra = 0


class InputInline(admin.TabularInline):
    model = ConsultationInput
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["held_on", "place", "method", "partnership"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    inlines = [GroupInline, InputInline]


@admin.register(Adaptation)
class AdaptationAdmin(admin.ModelAdmin):
    list_display = ["decided_on", "partnership", "decided_by"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    # Links to cases are made in the app, where only cases the user may see are offered.
    exclude = ["cases"]
    filter_horizontal = ["inputs"]
