from django.contrib import admin

from .models import HealthSnapshot


@admin.register(HealthSnapshot)
class HealthSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot records what the indicators said that month; editing one would
    rewrite the partnership's history."""

    list_display = ["partnership", "month", "taken_at"]
    list_filter = ["month"]
    search_fields = ["partnership__title"]
    readonly_fields = ["partnership", "month", "readings", "taken_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
