"""The public pages' cache.

Keys carry a version number kept in the database (`PublicProfile.version`,
`PartnershipPage.version`) and bumped in the same transaction as the change, so a page cached
under an old number is never served again: withdrawal takes effect at once even if Redis
missed the delete or was down at that moment. The old keys are also deleted, to free memory.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from partnerships.models import PartnershipMember

from ..models import PartnershipPage, PublicProfile

log = logging.getLogger(__name__)
TIMEOUT = 60 * 60


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def profile_key(organisation_id: int, version: int, language: str, kind: str = "html") -> str:
    return f"visibility:profile:{organisation_id}:{version}:{kind}:{language}"


def page_key(page_id: int, version: int, language: str) -> str:
    return f"visibility:page:{page_id}:{version}:{language}"


def profile_keys(organisation_id: int, version: int) -> list[str]:
    return [
        profile_key(organisation_id, version, code, kind)
        for code in _languages()
        for kind in ("html", "pdf")
    ]


def page_keys(page_id: int, version: int) -> list[str]:
    return [page_key(page_id, version, code) for code in _languages()]


def get_or_build(key: str, build):
    """The cached value, or `build()`; a cache that is down only costs speed."""
    try:
        value = cache.get(key)
    except Exception:  # Redis down: serve from the database
        log.warning("cache unavailable for %s", key)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:
            log.warning("cache unavailable for %s", key)
    return value


def _delete(keys: list[str]) -> None:
    if not keys:
        return

    def delete():
        try:
            cache.delete_many(keys)
        except Exception:
            log.warning("could not delete %s cached public pages", len(keys))

    delete()
    transaction.on_commit(delete)


def invalidate_organisations(organisation_ids) -> None:
    ids = list(organisation_ids)
    profiles = list(
        PublicProfile.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "version"
        )
    )
    if not profiles:
        return
    PublicProfile.objects.filter(organisation_id__in=ids).update(version=F("version") + 1)
    _delete([key for org_id, version in profiles for key in profile_keys(org_id, version)])


def invalidate_partnership(partnership_id: int) -> None:
    """The partnership's page and the profiles of its members, which list its results."""
    pages = list(
        PartnershipPage.objects.filter(partnership_id=partnership_id).values_list("pk", "version")
    )
    if pages:
        PartnershipPage.objects.filter(partnership_id=partnership_id).update(
            version=F("version") + 1
        )
        _delete([key for pk, version in pages for key in page_keys(pk, version)])
    invalidate_organisations(
        PartnershipMember.objects.filter(partnership_id=partnership_id).values_list(
            "organisation_id", flat=True
        )
    )
