"""Images people upload: checked by Pillow, re-encoded, stored under random names.

Re-encoding drops the EXIF block, where a phone photo keeps the GPS position it was taken at:
a photo from a risky context must not tell where the partner works. A minimal stand-in until
`partnerships/uploads.py` (shared upload helpers) lands on main.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
LOGO_MAX_BYTES = 1 * 1024 * 1024
MAX_PIXELS = 40_000_000  # larger is a decompression bomb, not a photo
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def random_name(folder: str, extension: str) -> str:
    return f"visibility/{folder}/{secrets.token_hex(16)}.{extension}"


def clean_image(upload, *, max_bytes: int) -> ContentFile:
    """A re-encoded copy of the upload, or a ValidationError that says what is wrong."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is %(size)s; images can be at most %(max)s."),
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_bytes),
            },
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in FORMATS:
            raise UnidentifiedImageError
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(
                _("%(name)s has too many pixels."), params={"name": upload.name}, code="too_large"
            )
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG or WebP image."),
            params={"name": upload.name},
            code="not_an_image",
        ) from None
    extension = FORMATS[image.format]
    out = io.BytesIO()
    if image.format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85)
    else:
        image.save(out, image.format)
    content = ContentFile(out.getvalue())
    content.extension = extension
    return content


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
