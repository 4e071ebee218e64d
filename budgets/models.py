from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Partnership

MONEY = {"max_digits": 14, "decimal_places": 2}


def _money(value) -> str:
    return number_format(Decimal(value), decimal_pos=2, force_grouping=True)


class Budget(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft: lines are edited directly")
        ACTIVE = "active", _("In use: lines change through change requests")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="budgets")
    title = models.CharField(_("title"), max_length=200)
    intervention = models.ForeignKey(
        "partnerships.JointIntervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("joint intervention"),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        help_text=_("ISO 4217 code, for example EUR, KES or USD."),
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped on every applied change so a printed or exported budget can be told apart.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="budget_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:detail", args=[self.partnership_id, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        PROGRAMME = "programme", _("Programme activities")
        STAFF = "staff", _("Staff")
        CORE = "core", _("Core / institutional costs (rent, utilities, internet, subscriptions)")
        CAPACITY = "capacity", _("Capacity strengthening")
        OVERHEAD = "overhead", _("Indirect cost recovery / overhead")
        RESERVE = "reserve", _("Unallocated / flexible reserve")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("managed by"),
    )
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0"))])

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description}"


class FlexibilityRule(models.Model):
    """What one side may move without asking the other, as agreed by every member."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="flexibility_rule")
    percent_threshold = models.DecimalField(
        _("percentage of a line"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Moving up to this share of a line, counted together since the last "
            "change the other party approved, needs no permission. Leave empty for no "
            "percentage limit."
        ),
    )
    amount_threshold = models.DecimalField(
        _("amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Moving up to this amount, counted together since the last change the "
            "other party approved, needs no permission. Leave empty for no amount "
            "limit."
        ),
    )
    # Agreements are to one version of the rule; changing it asks everyone again.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("flexibility rule")
        verbose_name_plural = _("flexibility rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_threshold__isnull=True)
                | Q(percent_threshold__gte=0, percent_threshold__lte=100),
                name="flexibility_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_threshold__isnull=True) | Q(amount_threshold__gte=0),
                name="flexibility_amount_not_negative",
            ),
        ]

    def __str__(self):
        return str(_("Flexibility rule for %(budget)s") % {"budget": self.budget})


class FlexibilityAgreement(models.Model):
    rule = models.ForeignKey(FlexibilityRule, on_delete=models.CASCADE, related_name="agreements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    rule_version = models.PositiveIntegerField()
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreed_at"]
        verbose_name = _("agreement to the flexibility rule")
        verbose_name_plural = _("agreements to the flexibility rule")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "organisation", "rule_version"], name="unique_rule_agreement"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – v{self.rule_version}"


class ChangeRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the other party")
        APPLIED = "applied", _("Applied within the agreed rules")
        APPROVED = "approved", _("Approved and applied")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
        LAPSED = "lapsed", _("Lapsed: it can no longer apply")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="change_requests")
    # Counted per budget (#1, #2 …) so partners can refer to "request 3 of this budget".
    number = models.PositiveIntegerField(_("number"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requesting_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    justification = models.TextField(_("justification"))
    changes_total = models.BooleanField(
        _("changes the total"),
        default=False,
        help_text=_("Adds new funds to the budget or releases funds from it."),
    )
    # The terms of a budget in use change only with the other party's approval.
    new_currency = models.CharField(_("new currency"), max_length=3, blank=True)
    new_period_start = models.DateField(_("new period start"), null=True, blank=True)
    new_period_end = models.DateField(_("new period end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The decision's comment, the requester's reason for withdrawing, or why it lapsed.
    decision_comment = models.TextField(_("comment"), blank=True)
    # Why it lapsed, as data, so each reader sees the reason in their own language.
    lapse_details = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("budget change request")
        verbose_name_plural = _("budget change requests")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "number"], name="unique_change_request_number"
            ),
        ]

    def __str__(self):
        return str(_("Change request #%(n)s") % {"n": self.number})

    def get_absolute_url(self):
        return reverse(
            "budgets:change_detail", args=[self.budget.partnership_id, self.budget_id, self.pk]
        )

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def lapse_reasons(self) -> list[str]:
        """The reasons it lapsed, in the active language."""
        reasons = []
        for detail in self.lapse_details:
            if detail.get("kind") == "currency":
                reasons.append(
                    _(
                        "The budget's currency changed from %(old)s to %(new)s; ask "
                        "again in the new currency."
                    )
                    % detail
                )
            elif detail.get("kind") == "short":
                reasons.append(
                    _(
                        "“%(line)s” holds %(amount)s %(currency)s; this request would "
                        "take %(taken)s from it, which would leave it below zero."
                    )
                    % {
                        **detail,
                        "amount": _money(detail["amount"]),
                        "taken": _money(detail["taken"]),
                    }
                )
        return reasons

    @property
    def changes_terms(self) -> bool:
        return bool(self.new_currency or self.new_period_start or self.new_period_end)


class ChangeMove(models.Model):
    """Money moved from one line to another; an empty side means funds enter or leave."""

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, related_name="moves"
    )
    from_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from line"),
    )
    to_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to line"),
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="change_move_amount_positive"),
            models.CheckConstraint(
                condition=Q(from_line__isnull=False) | Q(to_line__isnull=False),
                name="change_move_has_a_line",
            ),
        ]

    def __str__(self):
        return f"{self.from_line_id} → {self.to_line_id}: {self.amount}"


class BudgetEvent(models.Model):
    """The budget's history: who did what, when and why, with the total before and after."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Budget created")
        EDITED = "edited", _("Budget details changed")
        LINE_ADDED = "line_added", _("Line added")
        LINE_CHANGED = "line_changed", _("Line changed")
        IMPORTED = "imported", _("Lines imported")
        ACTIVATED = "activated", _("Budget put in use")
        RULE_CHANGED = "rule_changed", _("Flexibility rule changed")
        RULE_AGREED = "rule_agreed", _("Flexibility rule agreed")
        REQUESTED = "requested", _("Change requested")
        APPLIED = "applied", _("Change applied within the rules")
        APPROVED = "approved", _("Change approved and applied")
        DECLINED = "declined", _("Change declined")
        WITHDRAWN = "withdrawn", _("Change request withdrawn")
        LAPSED = "lapsed", _("Change request lapsed")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    summary = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    total_before = models.DecimalField(**MONEY)
    total_after = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("budget event")
        verbose_name_plural = _("budget events")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class BudgetComment(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("budget comment")
        verbose_name_plural = _("budget comments")

    def __str__(self):
        return self.body[:60]
