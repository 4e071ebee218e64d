from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Partnership

from .fora import Forum


class ForumEvent(models.Model):
    """A meeting or event of the participation log, and what the local partner brought to it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="visibility_events"
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("forum"),
    )
    title = models.CharField(_("meeting or event"), max_length=200)
    date = models.DateField(_("date"))
    contribution = models.TextField(
        _("what the local partner contributed or achieved"),
        blank=True,
        help_text=_("Its influence: what it said, proposed, changed or was asked to lead."),
    )
    represented_joint_work = models.BooleanField(
        _("the joint work was presented or discussed"),
        default=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.title} ({self.date})"


class EventAttendance(models.Model):
    event = models.ForeignKey(ForumEvent, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    people = models.CharField(_("who attended"), max_length=300)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="unique_event_attendance"
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.people}"


class Communication(models.Model):
    """A publication, post, media piece or donor report about the joint work."""

    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("Publication")
        POST = "post", _("Web or social media post")
        MEDIA = "media", _("Media piece")
        DONOR_REPORT = "donor_report", _("Donor report")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="visibility_communications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    url = models.URLField(_("link"), blank=True)
    published_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    named_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations it names"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self):
        return self.title


class Introduction(models.Model):
    """One partner introducing another to a donor or an authority, and what came of it."""

    class TargetKind(models.TextChoices):
        DONOR = "donor", _("Donor")
        AUTHORITY = "authority", _("Authority")
        NETWORK = "network", _("Network or forum")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        MEETING = "meeting", _("Meeting")
        PROPOSAL = "proposal", _("Proposal invited or submitted")
        FUNDING = "funding", _("Funding")
        NONE = "none", _("Nothing came of it")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="visibility_introductions"
    )
    introduced_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("introduced by"),
    )
    introduced = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation introduced"),
    )
    introduced_to = models.CharField(_("introduced to"), max_length=200)
    target_kind = models.CharField(_("who they are"), max_length=20, choices=TargetKind.choices)
    date = models.DateField(_("date"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self):
        return f"{self.introduced} → {self.introduced_to}"
