import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text_limits import PrintableText


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNATURES = "awaiting", _("Awaiting signatures")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")
    EXPIRED = "expired", _("Expired")


LOCKED_STATUSES = {Status.IN_FORCE, Status.SUPERSEDED, Status.EXPIRED}

# What the signatories sign: every field here goes into the SHA-256, nothing else may change
# once an MoU is in force.
CONTENT_FIELDS = [
    "partnership_id",
    "version",
    "title",
    "language",
    "term_start",
    "term_end",
    "decision_making",
    "accountability",
    "transparency",
    "resources",
    "communication",
    "representation",
    "decision_matrix",
    "parties",
]

SECTIONS = [
    ("decision_making", _("Decision-making processes and responsibilities")),
    ("accountability", _("Accountability structures")),
    ("transparency", _("Transparency principles")),
    ("resources", _("Joint resource mobilisation and sharing of resources and capacities")),
    ("communication", _("Communication")),
    ("representation", _("External representation")),
]


# Caps that keep one MoU's PDF within a bounded render time (bench/pdf_abuse.py measures it):
# ~1,500 words per section (decision-area notes: see decisions.py).
SECTION_MAX_LENGTH = 10_000
SECTION_MAX_LINES = 200
SECTION_LIMITS = [MaxLengthValidator(SECTION_MAX_LENGTH), PrintableText(SECTION_MAX_LINES)]


def _section_field(label, **kwargs):
    return models.TextField(
        label, max_length=SECTION_MAX_LENGTH, validators=SECTION_LIMITS, **kwargs
    )


class MouLocked(ValidationError):
    pass


class MouQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk update is one more path to alter a signed MoU; only the status of one in
        # force may move on (to superseded or expired).
        if set(kwargs) - {"status"} and self.filter(status__in=LOCKED_STATUSES).exists():
            raise MouLocked(_("An MoU in force cannot be altered."))
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status__in=LOCKED_STATUSES).exists():
            raise MouLocked(_("An MoU in force cannot be deleted."))
        return super().delete()


class Mou(models.Model):
    """One version of a partnership's Memorandum of Understanding."""

    Status = Status

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="mous"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language of the agreement"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    term_start = models.DateField(_("start of term"))
    term_end = models.DateField(_("end of term"))
    decision_making = _section_field(
        _("decision-making processes and responsibilities"),
        help_text=_("The decision-making agreement below is part of this section."),
    )
    accountability = _section_field(_("accountability structures"))
    transparency = _section_field(_("transparency principles"))
    resources = _section_field(
        _("joint resource mobilisation and sharing of resources and capacities")
    )
    communication = _section_field(_("communication"))
    representation = _section_field(_("external representation"))
    # The partnership's title as signed: the PDF prints this, never the live title.
    partnership_title = models.CharField(max_length=200, blank=True, editable=False)
    # Copies taken when the content is saved, so that what was signed never moves when the
    # live decision matrix or the partnership's members change later.
    decision_matrix = models.JSONField(default=list, blank=True, editable=False)
    parties = models.JSONField(default=list, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent for signature"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    objects = MouQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-version"]
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="unique_mou_version"),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(status="in_force"),
                name="one_mou_in_force",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="mou_term_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        if self.pk:
            self._refuse_forbidden_change()
        if not self.is_locked:
            self._refuse_oversized_text()
        if self._state.adding and not self.partnership_title and self.partnership_id:
            self.partnership_title = self.partnership.title
        self.content_hash = self.compute_hash()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnerships:mou_detail", args=[self.partnership_id, self.pk])

    def delete(self, *args, **kwargs):
        if Mou.objects.filter(pk=self.pk, status__in=LOCKED_STATUSES).exists():
            raise MouLocked(_("An MoU in force cannot be deleted."))
        return super().delete(*args, **kwargs)

    def _refuse_forbidden_change(self):
        old = Mou.objects.filter(pk=self.pk).first()
        if old is None:
            return
        content_changed = old.content() != self.content()
        if old.is_locked:
            status_ok = self.status == old.status or (
                old.status == Status.IN_FORCE and self.status in {Status.SUPERSEDED, Status.EXPIRED}
            )
            if content_changed or not status_ok:
                raise MouLocked(_("An MoU in force cannot be altered; start a new version."))
        elif content_changed and old.signatures.exists():
            raise MouLocked(_("This version has signatures; a change must start a new version."))

    def _refuse_oversized_text(self):
        # Forms say it first; this catches every other path (admin, shell, services), so no
        # text that would make the PDF slow to render is ever stored.
        errors = {}
        for name, _label in SECTIONS:
            for validator in SECTION_LIMITS:
                try:
                    validator(getattr(self, name) or "")
                except ValidationError as error:
                    errors.setdefault(name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    # --- content and hash ---------------------------------------------------------------------
    def content(self) -> dict:
        data = {name: getattr(self, name) for name in CONTENT_FIELDS}
        # Versions signed before the title was part of the snapshot keep their original hash.
        if self.partnership_title:
            data["partnership_title"] = self.partnership_title
        for name in ("term_start", "term_end"):
            data[name] = data[name].isoformat() if data[name] else None
        return data

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def sections(self):
        return [(name, label, getattr(self, name)) for name, label in SECTIONS]

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in {Status.DRAFT, Status.AWAITING_SIGNATURES}

    @property
    def is_expired(self) -> bool:
        return self.status == Status.EXPIRED or (
            self.status == Status.IN_FORCE and self.term_end < timezone.localdate()
        )

    @property
    def party_ids(self) -> list[int]:
        return [party["organisation_id"] for party in self.parties]

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})

    @classmethod
    def matrix_locked(cls, partnership_id) -> bool:
        """The live decision matrix is frozen while an MoU in force holds it and no newer
        version is being prepared."""
        statuses = set(
            cls.objects.filter(
                partnership_id=partnership_id,
                status__in=[Status.IN_FORCE, Status.DRAFT, Status.AWAITING_SIGNATURES],
            ).values_list("status", flat=True)
        )
        return statuses == {Status.IN_FORCE}


class MouSignature(models.Model):
    """One party's signature of one exact MoU content."""

    mou = models.ForeignKey(Mou, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.PROTECT, related_name="mou_signatures"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mou_signatures"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title or function"), max_length=200)
    # The organisation's name when it signed: a later renaming does not alter the signed PDF.
    organisation_name = models.CharField(
        _("organisation"), max_length=200, editable=False, default=""
    )
    content_hash = models.CharField(_("SHA-256 of the content signed"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)

    class Meta:
        ordering = ["signed_at"]
        verbose_name = _("MoU signature")
        verbose_name_plural = _("MoU signatures")
        constraints = [
            models.UniqueConstraint(fields=["mou", "organisation"], name="one_signature_per_party"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise MouLocked(_("A signature cannot be changed."))
        if not self.organisation_name:
            self.organisation_name = self.organisation.name
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise MouLocked(_("A signature cannot be deleted."))
