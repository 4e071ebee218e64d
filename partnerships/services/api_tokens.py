"""Personal API tokens: created (shown once), recognised from their hash, revoked."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ApiToken, User

PREFIX = "llp_"  # lets secret scanners and people recognise a token of this app
MAX_ACTIVE = 20
# last_used_at is written at most this often per token: a dashboard polling every few
# seconds does not write on every call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which exists in clear only in this return value."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."))
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(
            _("You have %(n)s tokens in use: revoke one before creating another.")
            % {"n": MAX_ACTIVE}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, token_hash=token_hash(secret))
    return token, secret


def api_token_revoke(*, token: ApiToken) -> None:
    """The caller has checked that the token is the user's own. Revoking twice is harmless."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_user(secret: str) -> User | None:
    """The active user a token in use belongs to, or None (unknown, revoked, user gone)."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.filter(
            token_hash=token_hash(secret), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
