from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PeerOrganisation(models.Model):
    """An organisation or local actor outside the partnership that partners learn from."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="peer_organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100, blank=True)
    expertise = models.TextField(_("expertise"))
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("peer organisation")
        verbose_name_plural = _("peer organisations")

    def __str__(self):
        return self.name


class LearningExchange(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="learning_exchanges"
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    organisations = models.ManyToManyField(
        "partnerships.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("partner organisations taking part"),
    )
    peers = models.ManyToManyField(
        PeerOrganisation,
        blank=True,
        related_name="exchanges",
        verbose_name=_("peer organisations taking part"),
    )
    participants = models.TextField(_("who took part"), blank=True)
    learned = models.TextField(_("what was learned"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("learning exchange")
        verbose_name_plural = _("learning exchanges")

    def __str__(self):
        return self.topic


class Mentorship(models.Model):
    """A mentor/mentee pairing between people, possibly across organisations."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="mentorships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentee"),
    )
    focus = models.CharField(_("focus"), max_length=300)
    started_on = models.DateField(_("started on"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentor_is_not_mentee"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}: {self.focus}"


class MentorshipSession(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("what we worked on"))
    next_steps = models.TextField(_("next steps"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")

    def __str__(self):
        return f"{self.mentorship} ({self.held_on})"
