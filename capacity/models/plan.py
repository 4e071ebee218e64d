from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .framework import Domain

MONEY = {"max_digits": 14, "decimal_places": 2}


class LearningNeed(models.Model):
    """A staff member's own learning need and goal: private to their organisation unless
    shared with the partnership."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        MET = "met", _("Met")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="learning_needs"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_needs",
        verbose_name=_("person"),
    )
    need = models.CharField(_("what I want to learn"), max_length=300)
    goal = models.TextField(_("goal"), blank=True)
    domain = models.ForeignKey(
        Domain,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domain"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    shared = models.BooleanField(
        _("share with the partnership"),
        default=False,
        help_text=_("Unshared needs are seen only by your own organisation."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("learning need")
        verbose_name_plural = _("learning needs")

    def __str__(self):
        return self.need


class CapacityAction(models.Model):
    """One step of the capacity plan: who strengthens whose capacity, how, with what time and
    money, by when, and what came of it."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        COACHING = "coaching", _("Coaching")
        MENTORING = "mentoring", _("Mentoring")
        PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
        ACCOMPANIMENT = "accompaniment", _("Accompaniment")
        SYSTEMS = "systems", _("Equipment / systems")
        CORE_SUPPORT = "core_support", _("Core support")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="capacity_actions"
    )
    title = models.CharField(_("action"), max_length=300)
    round = models.ForeignKey(
        "capacity.AssessmentRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("follows up the assessment round"),
    )
    domain = models.ForeignKey(
        Domain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domain"),
    )
    learning_need = models.ForeignKey(
        LearningNeed,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("learning need"),
    )
    receiving = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("strengthens"),
    )
    providing = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provided by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    days = models.DecimalField(
        _("days of staff time"),
        max_digits=7,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    cost = models.DecimalField(
        _("cost"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    budget_line = models.ForeignKey(
        "budgets.BudgetLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="capacity_actions",
        verbose_name=_("funded by budget line"),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome observed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("capacity action")
        verbose_name_plural = _("capacity actions")
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=0), name="capacity_days_not_negative"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="capacity_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(domain__isnull=False) | Q(learning_need__isnull=False),
                name="capacity_action_has_a_need",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def on_time(self) -> bool | None:
        if self.status != self.Status.DONE or not self.completed_on:
            return None
        return self.completed_on <= self.due_date
