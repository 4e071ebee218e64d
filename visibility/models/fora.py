from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Partnership


class Forum(models.Model):
    """A network, coordination forum, policy forum, authority, donor group or media outlet where
    partners can be present. One shared register: the same cluster serves many partnerships."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network")
        COORDINATION = "coordination", _("Coordination forum or cluster")
        POLICY = "policy", _("Policy forum")
        AUTHORITY = "authority", _("Authority")
        DONOR_GROUP = "donor_group", _("Donor group")
        MEDIA = "media", _("Media")

    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        GLOBAL = "global", _("Global")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("forum")
        verbose_name_plural = _("fora")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="unique_forum_name_country"),
        ]

    def __str__(self):
        return self.name


class ForumRole(models.Model):
    """An organisation's standing in a forum; its own editors keep it current."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        SPEAKER = "speaker", _("Speaker")
        CO_CHAIR = "co_chair", _("Co-chair")
        CHAIR = "chair", _("Chair")
        LEAD = "lead", _("Lead")

    LEADERSHIP = {Role.CO_CHAIR, Role.CHAIR, Role.LEAD}

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="forum_roles"
    )
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("standing"), max_length=10, choices=Role.choices)
    representative = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Who speaks for the organisation there."),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    show_publicly = models.BooleanField(
        _("show on the public profile"),
        default=False,
        help_text=_("The representative's name is never shown publicly."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["forum__name", "pk"]
        verbose_name = _("forum role")
        verbose_name_plural = _("forum roles")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "forum"], name="unique_forum_role"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()} – {self.forum}"

    @property
    def is_leadership(self) -> bool:
        return self.role in self.LEADERSHIP


class PartnershipForum(models.Model):
    """A forum that matters for the joint work, and what the local partner aims for there."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="visibility_fora"
    )
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="partnerships")
    local_aim = models.TextField(
        _("the local partner's aim there"),
        help_text=_("What the local partner wants to be, say or change in this forum."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["forum__name", "pk"]
        verbose_name = _("forum of the partnership")
        verbose_name_plural = _("fora of the partnership")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "forum"], name="unique_partnership_forum"
            ),
        ]

    def __str__(self):
        return f"{self.partnership} – {self.forum}"


class ForumSupport(models.Model):
    """Support agreed so that the local partner can be present and lead in a forum."""

    class Kind(models.TextChoices):
        TIME = "time", _("Staff time")
        TRAVEL = "travel", _("Travel")
        FEES = "fees", _("Membership or participation fees")
        PREPARATION = "preparation", _("Preparation and coaching")
        INTRODUCTIONS = "introductions", _("Introductions")

    partnership_forum = models.ForeignKey(
        PartnershipForum, on_delete=models.CASCADE, related_name="supports"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    provided_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provided by"),
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget_line = models.ForeignKey(
        "budgets.BudgetLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_supports",
        verbose_name=_("budget line"),
        help_text=_("The line of this partnership's budget that pays for it, if any."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("support agreed")
        verbose_name_plural = _("support agreed")
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                name="forum_support_cost_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    def clean(self):
        super().clean()
        if self.cost is not None and self.cost < 0:
            raise ValidationError({"cost": _("A cost cannot be negative.")})
        if self.budget_line_id and self.partnership_forum_id:
            if self.budget_line.budget.partnership_id != self.partnership_forum.partnership_id:
                raise ValidationError(
                    {"budget_line": _("This budget line belongs to another partnership.")}
                )
