"""What an organisation's admins changed about it, shown on the organisation page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationEvent(models.Model):
    class Action(models.TextChoices):
        PROFILE = "profile", _("Profile edited")
        ROLE = "role", _("Role changed")
        SIGNATORY_ON = "signatory_on", _("Signatory named")
        SIGNATORY_OFF = "signatory_off", _("Signatory withdrawn")
        FOCAL_ON = "focal_on", _("Safeguarding focal point named")
        FOCAL_OFF = "focal_off", _("Safeguarding focal point withdrawn")
        REMOVED = "removed", _("Member removed")

    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Names are copied: the record must still read right after a person leaves.
    actor_name = models.CharField(_("by"), max_length=200)
    subject_name = models.CharField(_("about"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("organisation change")
        verbose_name_plural = _("organisation changes")

    def __str__(self):
        return f"{self.organisation}: {self.get_action_display()} ({self.actor_name})"
