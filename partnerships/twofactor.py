"""Two-factor authentication (TOTP, django-otp) that an organisation can require.

An organisation with `require_two_factor` asks it of the people who hold power in it: its
admins, signatories and safeguarding focal points. After logging in with a password, such a
person is sent to set up an authenticator app (first time) or to enter its code, and reaches
nothing else until they have. Whether a person must is worked out at login and again every
few minutes, not on every request.
"""

import base64
import io
import time
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device

from .models import Membership

SESSION_KEY = "two_factor_required"
RECHECK_SECONDS = 300
# Reachable before the second factor: the two-factor pages themselves, leaving, and what any
# anonymous visitor may see.
EXEMPT_PREFIXES = (
    "/two-factor/",
    "/accounts/logout/",
    "/language/",
    "/verify/",
    "/static/",
    "/healthz",
    "/invitations/",
)


def concerned() -> Q:
    """The memberships an organisation's requirement applies to."""
    return (
        Q(role=Membership.Role.ADMIN) | Q(is_signatory=True) | Q(is_safeguarding_focal_point=True)
    )


def requires_two_factor(user) -> bool:
    return Membership.objects.filter(
        concerned(), user=user, organisation__require_two_factor=True
    ).exists()


def _remember(request, user) -> bool:
    required = requires_two_factor(user)
    request.session[SESSION_KEY] = {"required": required, "checked": time.time()}
    return required


@receiver(user_logged_in, dispatch_uid="two_factor_requirement")
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        _remember(request, user)


def is_required(request) -> bool:
    state = request.session.get(SESSION_KEY)
    if not state or time.time() - state.get("checked", 0) > RECHECK_SECONDS:
        return _remember(request, request.user)
    return state["required"]


def safe_next(request, default="partnerships:list") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: stops anyone who must verify and has not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith(EXEMPT_PREFIXES)
            and not user.is_verified()
            and is_required(request)
        ):
            name = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI, made on the server (no script, CSP allows data: images)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
