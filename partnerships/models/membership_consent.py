"""Who is in a partnership changes only with consent (issue 9, item 2).

An organisation joins when its own admin accepts an invitation; a member leaves when its own
admin says so, or when every other member organisation has agreed to remove it. Every step is
recorded as a `PartnershipEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .partnership import PartnershipMember


class PartnershipInvitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="partnership_invitations",
    )
    role = models.CharField(_("role"), max_length=30, choices=PartnershipMember.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_by_organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partnership invitation")
        verbose_name_plural = _("partnership invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_partnership_invitation",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.partnership}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class MemberRemoval(models.Model):
    """A request to remove a member organisation, carried out once every other member
    organisation has agreed (or at once when the member's own admin asks)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting agreement")
        DONE = "done", _("Carried out")
        REFUSED = "refused", _("Refused")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="removals"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approvals = models.ManyToManyField(
        "partnerships.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("organisations that agreed"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member removal")
        verbose_name_plural = _("member removals")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_member_removal",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ✕ {self.partnership}"


class PartnershipEvent(models.Model):
    """A change to who is in a partnership, or to its standing; shown on the partnership page."""

    class Action(models.TextChoices):
        CREATED = "created", _("Partnership started")
        INVITED = "invited", _("Organisation invited")
        JOINED = "joined", _("Organisation joined")
        DECLINED = "declined", _("Invitation declined")
        WITHDRAWN = "withdrawn", _("Invitation withdrawn")
        REMOVAL_ASKED = "removal_asked", _("Removal proposed")
        REMOVAL_AGREED = "removal_agreed", _("Removal agreed")
        REMOVAL_REFUSED = "removal_refused", _("Removal refused")
        REMOVED = "removed", _("Organisation removed")
        LEFT = "left", _("Organisation left")
        ACTIVE_WITHOUT_MOU = "active_no_mou", _("Set active without an MoU in force")
        EXEMPTION = "exemption", _("Agreed not to report")
        EXEMPTION_WITHDRAWN = "exemption_off", _("Reports again")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    detail = models.TextField(_("detail"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partnership change")
        verbose_name_plural = _("partnership changes")

    def __str__(self):
        return f"{self.partnership}: {self.get_action_display()}"
