"""Uploaded files: random storage names, and served only through views that check access.

Every app that stores a file uses these two helpers, so that no upload is ever reachable at a
guessable URL and the storage can be the local disk or an S3-compatible bucket
(`FILE_STORAGE=s3`, see config/settings.py) without touching the views:

    from partnerships.uploads import random_upload_to, serve_file

    class Evidence(models.Model):
        file = models.FileField(upload_to=random_upload_to("feedback"))

    def evidence_download(request, pk, evidence_pk):
        access = access_for(request.user, pk)           # the view checks access first
        evidence = get_object_or_404(Evidence.objects.filter(...), pk=evidence_pk)
        return serve_file(evidence.file, evidence.original_name)
"""

import os
import re
import uuid

from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,10}$")


def random_name(prefix: str, filename: str) -> str:
    """`<prefix>/<32 hex>.<ext>`: the user's file name never reaches the storage."""
    extension = os.path.splitext(filename or "")[1].lower()
    if not _EXTENSION.match(extension):
        extension = ""
    return f"{prefix.strip('/')}/{uuid.uuid4().hex}{extension}"


@deconstructible
class RandomUploadTo:
    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        return random_name(self.prefix, filename)

    def __eq__(self, other):
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix


def random_upload_to(prefix: str) -> RandomUploadTo:
    """An `upload_to` for FileField/ImageField (serialisable into migrations)."""
    return RandomUploadTo(prefix)


def serve_file(
    fieldfile, filename: str, *, as_attachment: bool = True, content_type: str | None = None
) -> FileResponse:
    """Stream a stored file to a user the calling view has already checked.

    Works with any storage backend. The response is never cached by shared proxies, is
    downloaded rather than rendered unless `as_attachment=False`, and cannot run script even
    if the file is HTML or SVG.
    """
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
