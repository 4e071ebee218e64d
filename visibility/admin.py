"""Admin that keeps the consent rules: a site admin can correct records and take things down,
but never approves, names or publishes on an organisation's behalf. Publication state is
read-only here; it follows from the organisations' own approvals."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Communication,
    Credit,
    Endorsement,
    EventAttendance,
    Forum,
    ForumEvent,
    ForumRole,
    ForumSupport,
    Introduction,
    PartnershipForum,
    PartnershipPage,
    PartnershipPageApproval,
    PublicProfile,
    Result,
)
from .services import cache
from .services import public as public_services
from .services import results as result_services


@admin.register(Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "level", "country", "topic"]
    list_filter = ["kind", "level"]
    search_fields = ["name", "topic"]


@admin.register(ForumRole)
class ForumRoleAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "forum", "role", "show_publicly"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "forum__name"]
    autocomplete_fields = ["organisation", "forum"]
    # Whether a role is public is the organisation's choice.
    readonly_fields = ["show_publicly"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.invalidate_organisations([obj.organisation_id])


class ForumSupportInline(admin.TabularInline):
    model = ForumSupport
    extra = 0
    raw_id_fields = ["budget_line"]


@admin.register(PartnershipForum)
class PartnershipForumAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "forum"]
    search_fields = ["partnership__title", "forum__name"]
    autocomplete_fields = ["partnership", "forum"]
    inlines = [ForumSupportInline]


class EventAttendanceInline(admin.TabularInline):
    model = EventAttendance
    extra = 0


@admin.register(ForumEvent)
class ForumEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "date", "forum"]
    search_fields = ["title", "partnership__title"]
    autocomplete_fields = ["partnership", "forum"]
    inlines = [EventAttendanceInline]


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    can_delete = False
    fields = [
        "organisation",
        "is_local",
        "name_as",
        "anonymous",
        "anonymous_label",
        "approved_by",
        "approved_at",
        "withdrawn_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "published_at", "created_at"]
    list_filter = [("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "partnership__title"]
    readonly_fields = ["partnership", "photo", "published_at", "created_by"]
    fields = [
        "partnership",
        "title",
        "text",
        "figures",
        "photo",
        "photo_consent",
        "published_at",
        "created_by",
    ]
    inlines = [CreditInline]
    actions = ["take_down"]

    def has_add_permission(self, request):
        return False  # results are drafted in the app, where the credits are chosen

    def save_model(self, request, obj, form, change):
        # A corrected story is a new story: every credited organisation approves it again.
        result_services.result_update(
            result=obj,
            user=request.user,
            title=obj.title,
            text=obj.text,
            figures=obj.figures,
            photo_consent=obj.photo_consent,
        )

    @admin.action(description=_("Take down: withdraw every approval"))
    def take_down(self, request, queryset):
        for result in queryset:
            result_services.result_unpublish_all(result=result)
        messages.success(request, _("The results are no longer public."))


@admin.register(PublicProfile)
class PublicProfileAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "slug", "is_public", "updated_at"]
    list_filter = ["is_public"]
    search_fields = ["organisation__name", "slug"]
    readonly_fields = ["organisation", "is_public", "logo", "version"]
    actions = ["unpublish"]

    def has_add_permission(self, request):
        return False  # an organisation's own admin creates and publishes its profile

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.invalidate_organisations([obj.organisation_id])

    @admin.action(description=_("Unpublish the profiles"))
    def unpublish(self, request, queryset):
        for profile in queryset:
            public_services.profile_save(organisation=profile.organisation, is_public=False)


class PartnershipPageApprovalInline(admin.TabularInline):
    model = PartnershipPageApproval
    extra = 0
    fields = ["organisation", "approved_by", "approved_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PartnershipPage)
class PartnershipPageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "published_at"]
    search_fields = ["title", "partnership__title"]
    readonly_fields = [
        "partnership",
        "title",
        "summary",
        "languages",
        "slug",
        "published_at",
        "version",
    ]
    inlines = [PartnershipPageApprovalInline]
    actions = ["take_down"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Take down: withdraw every approval"))
    def take_down(self, request, queryset):
        for page in queryset.select_related("partnership"):
            for approval in list(page.approvals.select_related("organisation")):
                public_services.page_withdraw(
                    partnership=page.partnership, organisation=approval.organisation
                )
        messages.success(request, _("The pages are no longer public."))


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ["organisation", "author_organisation", "shown", "created_at"]
    readonly_fields = ["shown"]


@admin.register(Communication)
class CommunicationAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(Introduction)
class IntroductionAdmin(SimpleHistoryAdmin):
    list_display = ["introduced", "introduced_to", "introduced_by", "date", "outcome"]
    list_filter = ["outcome", "target_kind"]


@admin.register(ForumSupport)
class ForumSupportAdmin(SimpleHistoryAdmin):
    """Model validation refuses a budget line of another partnership here too."""

    list_display = ["partnership_forum", "kind", "provided_by", "cost", "budget_line"]
    list_filter = ["kind"]
    raw_id_fields = ["budget_line", "partnership_forum"]


@admin.register(EventAttendance)
class EventAttendanceAdmin(admin.ModelAdmin):
    list_display = ["event", "organisation", "people"]
    raw_id_fields = ["event"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Credit)
class CreditAdmin(ReadOnlyAdmin):
    """Approvals are given and withdrawn by each organisation's own admin, in the app."""

    list_display = ["result", "organisation", "anonymous", "approved_at", "withdrawn_at"]
    list_filter = ["anonymous", ("approved_at", admin.EmptyFieldListFilter)]


@admin.register(PartnershipPageApproval)
class PartnershipPageApprovalAdmin(ReadOnlyAdmin):
    list_display = ["page", "organisation", "approved_by", "approved_at"]
