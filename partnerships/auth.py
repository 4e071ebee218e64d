"""Logging in: email addresses in any case, and a lock-out per account (django-axes) that
tells the person, in their language, how long to wait."""

import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone


class UserBackend(ModelBackend):
    """Django's model backend, loading the signed-in user together with their count of unread
    notifications, which every page's navigation shows: one query on every request instead of
    two (see partnerships.context_processors.navigation)."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(
            unread_notification_count=Count(
                "notifications", filter=Q(notifications__read_at__isnull=True)
            )
        )
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


class EmailAuthenticationForm(AuthenticationForm):
    """Addresses are stored in lower case; people type them as they like."""

    def clean_username(self):
        return normalise_email(self.cleaned_data.get("username"))

    def clean(self):
        # AuthenticationForm.clean reads the raw value before clean_username has run.
        if "username" in self.cleaned_data:
            self.cleaned_data["username"] = normalise_email(self.cleaned_data["username"])
        return super().clean()


def axes_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: one counter per account, whatever case was typed."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return normalise_email(raw)


def seconds_left(username: str) -> int:
    cool_off = get_cool_off()
    last = (
        AccessAttempt.objects.filter(username=username)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if not cool_off or last is None:
        return 0
    return max(0, math.ceil((last + cool_off - timezone.now()).total_seconds()))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the site's own page, translated, with the time left."""
    username = axes_username(request, credentials)
    seconds = seconds_left(username)
    minutes = max(1, math.ceil(seconds / 60))
    form = EmailAuthenticationForm(request)
    form.fields["username"].initial = username
    return render(
        request,
        "registration/locked_out.html",
        {
            "minutes": minutes,
            "seconds": seconds,
            "form": form,
        },
        status=429,
    )
