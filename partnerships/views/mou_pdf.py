"""The MoU's PDF: served from storage, or prepared by a worker while a page shows progress."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from ..access import access_for
from ..models import Mou, MouDocument
from ..services import mou_documents as services
from ..uploads import serve_file

REFRESH_SECONDS = 2


def _mou(access, mou_pk) -> Mou:
    return get_object_or_404(Mou.objects.filter(partnership=access.partnership), pk=mou_pk)


def _filename(mou: Mou) -> str:
    slug = slugify(mou.partnership_title or mou.title)[:60] or mou.partnership_id
    return f"mou-{slug}-v{mou.version}.pdf"


@login_required
def mou_pdf(request, pk, mou_pk):
    access = access_for(request.user, pk)
    mou = _mou(access, mou_pk)
    document = services.mou_document_request(mou=mou)
    if document.is_ready:
        return serve_file(document.file, _filename(mou), content_type="application/pdf")
    return redirect(
        "partnerships:mou_pdf_status",
        pk=access.partnership.pk,
        mou_pk=mou.pk,
        document_pk=document.pk,
    )


def _document(access, mou_pk, document_pk) -> MouDocument:
    return get_object_or_404(
        MouDocument.objects.select_related("mou").filter(
            mou__partnership=access.partnership, mou_id=mou_pk
        ),
        pk=document_pk,
    )


@login_required
def mou_pdf_status(request, pk, mou_pk, document_pk):
    access = access_for(request.user, pk)
    document = _document(access, mou_pk, document_pk)
    if document.state in {MouDocument.State.PENDING, MouDocument.State.RENDERING}:
        document = services.mou_document_request(mou=document.mou)
    waiting = document.state in {MouDocument.State.PENDING, MouDocument.State.RENDERING}
    return render(
        request,
        "partnerships/mou/pdf_status.html",
        {
            "partnership": access.partnership,
            "mou": document.mou,
            "document": document,
            "waiting": waiting,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )


@login_required
@require_POST
def mou_pdf_retry(request, pk, mou_pk, document_pk):
    access = access_for(request.user, pk)
    document = _document(access, mou_pk, document_pk)
    services.mou_document_retry(document=document)
    return redirect(
        "partnerships:mou_pdf_status",
        pk=access.partnership.pk,
        mou_pk=mou_pk,
        document_pk=document.pk,
    )
