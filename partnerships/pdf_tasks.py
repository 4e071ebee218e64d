"""Celery tasks that render PDFs (listed in CELERY_IMPORTS).

Celery's soft and hard limits stop a render in the prefork pool; `time_limit()` inside the
service also stops one in the solo pool. Either way the web never waits for a render.
"""

from celery import shared_task
from django.conf import settings


@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT + 5,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 20,
)
def render_mou_document(document_id: int) -> str:
    from .services.mou_documents import mou_document_render

    return mou_document_render(document_id=document_id)
