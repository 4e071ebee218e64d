"""Does a PDF or a hash someone holds match a signed MoU version? Public: anyone may ask."""

import hashlib
import re
from dataclasses import dataclass

from ..models import Mou, MouDocument

HEX64 = re.compile(r"^[0-9a-f]{64}$")
VERIFIABLE = [
    Mou.Status.IN_FORCE,
    Mou.Status.SUPERSEDED,
    Mou.Status.EXPIRED,
    Mou.Status.AWAITING_SIGNATURES,
]


@dataclass
class Verification:
    mou: Mou | None
    matched: str  # "pdf": the exact file stored when signed; "content": the content hash
    signatures: list

    @property
    def found(self) -> bool:
        return self.mou is not None


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _result(mou: Mou | None, matched: str) -> Verification:
    if mou is None:
        return Verification(None, "", [])
    return Verification(mou, matched, list(mou.signatures.order_by("signed_at")))


def mou_verify(*, sha256: str) -> Verification:
    """`sha256` of a PDF file, or an MoU's content hash as printed in its PDF."""
    sha256 = sha256.strip().lower()
    if not HEX64.match(sha256):
        return _result(None, "")
    document = (
        MouDocument.objects.select_related("mou")
        .filter(final=True, sha256=sha256, state=MouDocument.State.DONE)
        .first()
    )
    if document:
        return _result(document.mou, "pdf")
    mou = Mou.objects.filter(content_hash=sha256, status__in=VERIFIABLE).first()
    return _result(mou, "content")


def mou_verify_file(*, upload) -> Verification:
    """Only the very file stored when the version was signed matches: one byte changed, and
    it does not."""
    sha256 = file_sha256(upload)
    document = (
        MouDocument.objects.select_related("mou")
        .filter(final=True, sha256=sha256, state=MouDocument.State.DONE)
        .first()
    )
    return _result(document.mou if document else None, "pdf")
