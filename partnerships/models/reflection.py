from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    FOUNDATION = "foundation", _("Establish the foundation for an equitable partnership")
    CAPACITY = "capacity", _("Strengthen capacities of partners")
    TARGET_GROUPS = "target_groups", _("Include target groups")
    VISIBILITY = "visibility", _("Strengthen role and visibility of local partners")
    INSTITUTIONAL = "institutional", _("Prioritise institutional support and flexibility")


class ReflectionQuestion(models.Model):
    """A statement each partner rates from 1 (strongly disagree) to 5 (strongly agree)."""

    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    text = models.TextField(_("statement"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active questions go into new rounds.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("reflection question")
        verbose_name_plural = _("reflection questions")

    def __str__(self):
        return self.text[:80]


def round_is_complete(member_ids: set[int], answered_ids: set[int]) -> bool:
    """The rule: a round is complete once every member organisation has answered. Callers
    that already hold both sets (a page, the partnership section) pass them in."""
    return member_ids <= answered_ids


class ReflectionRound(models.Model):
    """A joint power-reflection session: each member organisation answers on its own first."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="reflection_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date of the joint session"), null=True, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    agreed_actions = models.TextField(_("actions the partners agree"), blank=True)
    questions = models.ManyToManyField(ReflectionQuestion, related_name="rounds")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reflection round")
        verbose_name_plural = _("reflection rounds")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:reflection_detail", args=[self.partnership_id, self.pk])

    def member_organisation_ids(self) -> set[int]:
        return set(self.partnership.members.values_list("organisation_id", flat=True))

    def answered_organisation_ids(self) -> set[int]:
        return set(self.responses.values_list("organisation_id", flat=True))

    @property
    def is_complete(self) -> bool:
        return round_is_complete(self.member_organisation_ids(), self.answered_organisation_ids())


class ReflectionResponse(models.Model):
    """One member organisation's answers in a round."""

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("reflection response")
        verbose_name_plural = _("reflection responses")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="one_response_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.round} – {self.organisation}"


class ReflectionAnswer(models.Model):
    response = models.ForeignKey(
        ReflectionResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(ReflectionQuestion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["question__order", "question__pk"]
        verbose_name = _("reflection answer")
        verbose_name_plural = _("reflection answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="reflection_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.score}"
