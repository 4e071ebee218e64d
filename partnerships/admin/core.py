from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..forms.membership import PartnershipEditForm
from ..forms.organisation_admin import (
    MembershipAdminForm,
    MembershipInlineFormSet,
    is_last_admin,
)
from ..models import (
    Invitation,
    Membership,
    Notification,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipMember,
    User,
)
from ..services.events import partnership_event_record


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipAdminForm
    formset = MembershipInlineFormSet
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language"]
    search_fields = ["email", "full_name", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "first_name", "last_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "is_local_actor"]
    list_filter = ["kind", "is_local_actor", "country"]
    search_fields = ["name", "description"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["user", "organisation", "role", "is_signatory", "is_safeguarding_focal_point"]
    list_filter = ["role", "is_signatory", "is_safeguarding_focal_point", "organisation"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]

    def has_delete_permission(self, request, obj=None):
        # Never the last admin of an organisation (bulk deletion is refused by the same rule).
        if obj is not None and is_last_admin(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            if not is_last_admin(membership):
                membership.delete()


class PartnershipMemberInline(admin.TabularInline):
    """Read-only: an organisation joins or leaves only through the app's consent flow
    (invitation accepted by its own admin; removal agreed by every other member)."""

    model = PartnershipMember
    extra = 0
    can_delete = False
    fields = ["organisation", "role", "joined_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnershipAdminForm(PartnershipEditForm):
    """The app's rules in admin too: a partnership goes active without an MoU in force only
    with a recorded reason, and past "exploring" only once a local partner has joined."""

    class Meta(PartnershipEditForm.Meta):
        fields = PartnershipEditForm.Meta.fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_admin = True
        instance = self.instance
        self.has_local_partner = (
            instance.pk is None
            or instance.members.filter(role=PartnershipMember.Role.LOCAL_PARTNER).exists()
        )


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    form = PartnershipAdminForm
    list_display = ["title", "status", "start_date", "end_date", "updated_at"]
    list_filter = ["status", "members__organisation__country"]
    search_fields = ["title", "context", "local_needs", "members__organisation__name"]
    date_hierarchy = "start_date"
    inlines = [PartnershipMemberInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reason = form.cleaned_data.get("active_without_mou_reason", "").strip()
        if reason and "status" in form.changed_data and obj.status == Partnership.Status.ACTIVE:
            partnership_event_record(
                partnership=obj,
                action=PartnershipEvent.Action.ACTIVE_WITHOUT_MOU,
                actor=request.user,
                detail=reason,
            )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ["token", "created_at", "accepted_at"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "message", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["recipient__email", "message"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "partnership"]
