"""Setting up and entering the second factor (see partnerships/twofactor.py)."""

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..access import visible_organisations_for
from ..models import Membership
from ..twofactor import concerned, qr_data_uri, safe_next


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("6-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(gettext_lazy("The code is made of digits only."))
        return token


def _pending_device(user) -> TOTPDevice:
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name=_("Authenticator app"), confirmed=False
            )
    return device


@login_required
def two_factor_setup(request):
    if user_has_device(request.user):
        return redirect(f"{request.path.replace('setup', 'verify')}?{request.GET.urlencode()}")
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(
                request,
                _(
                    "Two-step login is set up. Keep your authenticator "
                    "app: you will need a code each time you log in."
                ),
            )
            return redirect(safe_next(request))
        form.add_error(
            "token", _("That code is not right. Check the app's clock and try the newest code.")
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": safe_next(request),
        },
    )


@login_required
def two_factor_verify(request):
    if not user_has_device(request.user):
        return redirect(f"{request.path.replace('verify', 'setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        form.add_error(
            "token",
            _(
                "That code is not right, or too many were tried: wait a "
                "moment and enter the newest code."
            ),
        )
    return render(
        request,
        "registration/two_factor_verify.html",
        {
            "form": form,
            "next": safe_next(request),
        },
    )


class RequireTwoFactorForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=gettext_lazy(
            "Require two-step login of our admins, signatories and safeguarding focal points"
        ),
        required=False,
    )


@login_required
def organisation_security(request, pk):
    """An organisation's own admins decide whether two-step login is required of them."""
    organisation = get_object_or_404(visible_organisations_for(request.user), pk=pk)
    if not Membership.objects.filter(
        user=request.user, organisation=organisation, role=Membership.Role.ADMIN
    ).exists():
        raise PermissionDenied
    form = RequireTwoFactorForm(
        request.POST or None, initial={"require_two_factor": organisation.require_two_factor}
    )
    if request.method == "POST" and form.is_valid():
        organisation.require_two_factor = form.cleaned_data["require_two_factor"]
        organisation.save(update_fields=["require_two_factor"])
        messages.success(
            request,
            _("Two-step login is now required of the people concerned.")
            if organisation.require_two_factor
            else _("Two-step login is no longer required."),
        )
        return redirect(request.path)
    memberships = organisation.memberships.filter(concerned()).select_related("user")
    people = sorted({m.user for m in memberships}, key=lambda u: u.display_name.lower())
    with_device = set(
        TOTPDevice.objects.filter(user__in=people, confirmed=True).values_list("user_id", flat=True)
    )
    return render(
        request,
        "partnerships/organisation_security.html",
        {
            "organisation": organisation,
            "form": form,
            "people": [(user, user.pk in with_device) for user in people],
        },
    )
