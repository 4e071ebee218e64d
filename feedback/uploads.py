"""Files people attach to a public submission: images or PDFs only, recognised by their
content (not their name or the type the browser claims), and size-limited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def checked_content_type(upload) -> str:
    """The file's real type, or a ValidationError that says what is accepted."""
    limit = settings.FEEDBACK_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(size)s MB.") % {"size": limit // 1_048_576}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)
    if content_type is None:
        raise ValidationError(_("Only a photo (JPEG or PNG) or a PDF can be attached."))
    if content_type.startswith("image/"):
        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception:  # Pillow raises many types for a broken or disguised file
            raise ValidationError(
                _("Only a photo (JPEG or PNG) or a PDF can be attached.")
            ) from None
        finally:
            upload.seek(0)
    return content_type
