from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..emails import dispatch
from ..models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Read-only: an email is changed by nobody once written. The one action is the
    operator's decision the code refuses to guess: send again a message whose worker died
    while sending it (it may or may not have arrived; its Message-ID is the same)."""

    list_display = ["to", "subject_or_template", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    # Bodies can hold reset links: never shown here.
    exclude = ["text", "html", "context"]

    @admin.display(description=_("subject or template"))
    def subject_or_template(self, obj):
        return obj.subject or obj.template

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.is_superuser

    @admin.action(description=_("Send again (only emails not sent yet)"), permissions=["resend"])
    def send_again(self, request, queryset):
        pks = list(
            queryset.filter(
                status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING]
            ).values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(pk__in=pks).update(status=OutboxEmail.Status.PENDING)
        dispatch(pks)
        self.message_user(
            request,
            ngettext(
                "%(n)s email will be sent again.", "%(n)s emails will be sent again.", len(pks)
            )
            % {"n": len(pks)},
            messages.SUCCESS,
        )
