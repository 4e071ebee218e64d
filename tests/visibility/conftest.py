import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def image_upload(name="photo.png", size=(40, 30), fmt="PNG", exif_gps=False):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 80, 40))
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (1.0, 17.0, 0.0)}
        image.save(buffer, fmt, exif=exif)
    else:
        image.save(buffer, fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
