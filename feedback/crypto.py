"""Key rotation for the encrypted fields (django-fernet-encrypted-fields).

The library derives one Fernet key per (SECRET_KEY or fallback, SALT_KEY) pair and caches them
on each field; the first key encrypts and every key decrypts. To rotate: put the new salt first
in FIELD_ENCRYPTION_KEYS (keep the old one after it), restart, run `manage.py feedback_reencrypt`,
then drop the old salt.
"""

from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from .models import Case, CaseEntry, Channel

ENCRYPTED = {
    Case: ["text", "contact", "response"],
    CaseEntry: ["text"],
    Channel: ["webhook_secret"],
}


def encrypted_fields():
    for model, names in ENCRYPTED.items():
        for name in names:
            yield model._meta.get_field(name)


def forget_keys(**kwargs) -> None:
    """Drop the keys each field cached, so changed settings take effect (tests, rotation)."""
    for field in encrypted_fields():
        assert isinstance(field, EncryptedFieldMixin)
        field.__dict__.pop("keys", None)
        field.__dict__.pop("f", None)


def reencrypt(batch: int = 500) -> int:
    """Rewrite every encrypted value with the current first key; returns rows rewritten."""
    forget_keys()
    rewritten = 0
    for model, names in ENCRYPTED.items():
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch):
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update()
                    .filter(pk__in=pks[start : start + batch])
                    .only("id", *names)
                )
                model.objects.bulk_update(rows, names)
                rewritten += len(rows)
    return rewritten
