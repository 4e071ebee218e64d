"""Who calls a JSON API view: the logged-in session, or a personal API token.

Only views decorated with `api_view` read `Authorization: Bearer <token>`; no middleware or
authentication backend does, so a token opens the API and nothing else (an HTML page sent a
token still asks to log in). The token's user then goes through exactly the checks a session
user does (partnerships.access). Failures are 401 in JSON, never a login page.
"""

from functools import wraps

from django.http import JsonResponse
from django.utils.translation import gettext as _

from .middleware import activate_preferences
from .services.api_tokens import api_token_user


def unauthorized(detail: str, *, error: str = "") -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=401)
    challenge = 'Bearer realm="api"'
    if error:
        challenge += f', error="{error}"'
    response["WWW-Authenticate"] = challenge
    return response


def api_view(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _space, secret = header.partition(" ")
            user = api_token_user(secret.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                return unauthorized(
                    _("The API token is not valid or was revoked."), error="invalid_token"
                )
            request.user = user
            activate_preferences(request, user)
        elif not request.user.is_authenticated:
            return unauthorized(
                _("Log in, or send a personal API token: Authorization: Bearer <token>.")
            )
        return view(request, *args, **kwargs)

    return wrapped
