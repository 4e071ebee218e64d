"""A user's personal API tokens: create one (its secret shown this once), see when each was
last used, revoke it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..forms.api_tokens import ApiTokenForm
from ..models import ApiToken
from ..services import api_tokens as services


@never_cache  # the page that shows a new secret is never stored by a browser or proxy
@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "partnerships/api_tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
            "created": created,
            "secret": secret,
            "api_url": settings.SITE_URL + reverse("health:api_portfolio"),
            "openapi_url": reverse("health:api_openapi"),
        },
    )


@login_required
@require_POST
def api_token_revoke(request, token_pk):
    token = get_object_or_404(ApiToken, pk=token_pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(
        request, _("The token “%(name)s” was revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("partnerships:api_tokens")
