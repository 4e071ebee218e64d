"""The inbound webhook an SMS or WhatsApp gateway posts messages to.

The gateway signs `<timestamp>.<nonce>.<body>` with the channel's secret (HMAC-SHA256, hex)
and sends the signature, timestamp (Unix seconds) and nonce as headers. A request that is
unsigned, wrongly signed, too old or replayed (same nonce) is refused and nothing is saved.
"""

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..models import Case, Channel, WebhookNonce
from .cases import case_submit

SIGNATURE = "HTTP_X_FEEDBACK_SIGNATURE"
TIMESTAMP = "HTTP_X_FEEDBACK_TIMESTAMP"
NONCE = "HTTP_X_FEEDBACK_NONCE"
VIAS = {Case.Via.SMS, Case.Via.WHATSAPP, Case.Via.PHONE}


class Refused(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def sign(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
    message = f"{timestamp}.{nonce}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def receive(*, channel: Channel, meta: dict, body: bytes) -> tuple[Case, str]:
    signature = meta.get(SIGNATURE, "")
    timestamp = meta.get(TIMESTAMP, "")
    nonce = meta.get(NONCE, "")
    if not (signature and timestamp and nonce) or len(nonce) > 100:
        raise Refused(403, "unsigned")
    if not hmac.compare_digest(sign(channel.webhook_secret, timestamp, nonce, body), signature):
        raise Refused(403, "bad signature")
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        raise Refused(400, "bad timestamp") from None
    if age > settings.FEEDBACK_WEBHOOK_MAX_AGE:
        raise Refused(400, "stale timestamp")
    try:
        payload = json.loads(body)
        text = str(payload["text"])
    except (ValueError, KeyError, TypeError):
        raise Refused(400, "body must be JSON with a text") from None
    via = payload.get("via", Case.Via.SMS)
    if via not in VIAS:
        raise Refused(400, "unknown via")
    consent = payload.get("contact_consent") is True
    try:
        with transaction.atomic():
            WebhookNonce.objects.create(channel=channel, nonce=nonce)
            return case_submit(
                partnership_id=channel.partnership_id,
                kind=Case.Kind.FEEDBACK,
                text=text,
                via=via,
                language=channel.public_languages()[0],
                contact=str(payload.get("from", "")) if consent else "",
                contact_consent=consent,
            )
    except IntegrityError:
        raise Refused(409, "replayed") from None
    except ValidationError:
        raise Refused(400, "empty or too long text") from None
