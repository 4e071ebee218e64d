"""The MoU's PDF, rendered by a Celery worker and stored.

A web request never renders: it finds the stored document for exactly what would be printed
(`render_key`), or asks a worker for it and shows a page that follows its progress. The PDF of
a version in force is rendered once and kept for ever; its SHA-256 lets anyone verify a copy.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..uploads import random_upload_to


class MouDocument(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        RENDERING = "rendering", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        TIMEOUT = "timeout", _("Preparing the PDF took too long.")
        CHANGED = "changed", _("The MoU changed while its PDF was being prepared.")
        FAILED = "failed", _("The PDF could not be prepared.")

    # A version in force cannot be deleted (Mou.delete refuses), so only a draft's disposable
    # PDFs ever go with it.
    mou = models.ForeignKey("partnerships.Mou", on_delete=models.CASCADE, related_name="documents")
    render_key = models.CharField(max_length=64)
    # Rendered from a signed version in force: never rendered again, never deleted.
    final = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(upload_to=random_upload_to("mou"), blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=20, choices=Error.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("MoU PDF")
        verbose_name_plural = _("MoU PDFs")
        constraints = [
            models.UniqueConstraint(fields=["mou", "render_key"], name="one_document_per_render"),
        ]

    def __str__(self):
        return f"{self.mou} – {self.get_state_display()}"

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.DONE and bool(self.file)
