"""MoU PDFs: requested by the web, rendered by a worker under a time limit, stored.

`mou_document_request` is all a view does (a lookup, at most one insert); the rendering happens
in `mou_document_render`, called by the Celery task `render_mou_document`.
"""

import hashlib
import json
import logging
import signal
import threading
from contextlib import contextmanager
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Mou, MouDocument
from ..queue import enqueue
from . import mou_pdf

logger = logging.getLogger(__name__)
State = MouDocument.State
RENDER_TASK = "partnerships.tasks.render_mou_document"


class RenderTimeout(Exception):
    pass


def render_key(mou: Mou, signatures) -> str:
    """What the PDF prints, as a key: a signed version prints its snapshot and nothing else,
    so its key never changes; a version being prepared also prints its status and the
    signatures so far."""
    if mou.is_locked:
        return hashlib.sha256(f"final:{mou.content_hash}".encode()).hexdigest()
    parts = [mou.content_hash, mou.status, sorted(s.pk for s in signatures)]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _stalled(document: MouDocument) -> bool:
    """A request the broker lost, or a render whose worker died, is asked for again."""
    now = timezone.now()
    limit = timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT + 30)
    if document.state == State.PENDING:
        return now - document.requested_at > timedelta(seconds=30)
    if document.state == State.RENDERING:
        return document.started_at is None or now - document.started_at > limit
    return False


def mou_document_request(*, mou: Mou) -> MouDocument:
    """The stored PDF of `mou` as it reads now, or a request for a worker to render it."""
    signatures = list(mou.signatures.all())
    key = render_key(mou, signatures)
    document = MouDocument.objects.filter(mou=mou, render_key=key).first()
    if document is None:
        try:
            with transaction.atomic():
                document = MouDocument.objects.create(mou=mou, render_key=key, final=mou.is_locked)
        except IntegrityError:  # another request inserted it first: theirs is the job
            return MouDocument.objects.get(mou=mou, render_key=key)
        enqueue(RENDER_TASK, document.pk)
    elif _stalled(document):
        MouDocument.objects.filter(pk=document.pk).update(
            state=State.PENDING, requested_at=timezone.now()
        )
        document.refresh_from_db()
        enqueue(RENDER_TASK, document.pk)
    return document


def mou_document_retry(*, document: MouDocument) -> MouDocument:
    updated = MouDocument.objects.filter(pk=document.pk, state=State.FAILED).update(
        state=State.PENDING, error="", requested_at=timezone.now()
    )
    if updated:
        enqueue(RENDER_TASK, document.pk)
    document.refresh_from_db()
    return document


@contextmanager
def time_limit(seconds: float):
    """Raise RenderTimeout after `seconds`, where a signal can interrupt (the main thread of a
    worker process). Celery's own soft/hard limits cover the prefork pool; this one also covers
    the solo pool of `make run`, which has none."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fail(document_id: int, error: str) -> None:
    MouDocument.objects.filter(pk=document_id).exclude(state=State.DONE).update(
        state=State.FAILED, error=error, finished_at=timezone.now()
    )


def mou_document_render(*, document_id: int, seconds: float | None = None) -> str:
    """Render one requested PDF and store it. Returns the document's final state.

    Safe to run twice for one document (a redelivered task): the first result stored wins.
    """
    with transaction.atomic():
        document = (
            MouDocument.objects.select_for_update()
            .select_related("mou")
            .filter(pk=document_id)
            .first()
        )
        if document is None or document.state == State.DONE:
            return document.state if document else "missing"
        document.state = State.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["state", "started_at", "attempts"])
    mou = document.mou
    signatures = list(mou.signatures.all())
    if render_key(mou, signatures) != document.render_key:
        # The MoU moved on since the request: this exact PDF is no longer wanted.
        _fail(document_id, MouDocument.Error.CHANGED)
        return State.FAILED
    try:
        with time_limit(seconds or settings.PDF_RENDER_TIME_LIMIT):
            pdf = mou_pdf.render_pdf(mou, signatures)
    except (RenderTimeout, SoftTimeLimitExceeded):
        logger.warning("MoU %s: PDF render exceeded its time limit", mou.pk)
        _fail(document_id, MouDocument.Error.TIMEOUT)
        return State.FAILED
    except Exception:
        logger.exception("MoU %s: PDF render failed", mou.pk)
        _fail(document_id, MouDocument.Error.FAILED)
        return State.FAILED
    with transaction.atomic():
        document = MouDocument.objects.select_for_update().get(pk=document_id)
        if document.state == State.DONE:
            return State.DONE
        document.file.save(f"mou-{mou.pk}-v{mou.version}.pdf", ContentFile(pdf), save=False)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.size = len(pdf)
        document.state = State.DONE
        document.error = ""
        document.finished_at = timezone.now()
        document.save()
        stale = list(
            MouDocument.objects.filter(mou=mou, final=False)
            .exclude(pk=document.pk)
            .exclude(state=State.RENDERING)
        )
        for old in stale:
            if old.file:
                old.file.delete(save=False)
        MouDocument.objects.filter(pk__in=[old.pk for old in stale]).delete()
    return State.DONE
