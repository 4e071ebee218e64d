from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    """Target-group representatives consulted in the design of the intervention."""

    class Method(models.TextChoices):
        FOCUS_GROUP = "focus_group", _("Focus group")
        COMMUNITY_MEETING = "community_meeting", _("Community meeting")
        INTERVIEWS = "interviews", _("Interviews")
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="consultations"
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    method = models.CharField(_("method"), max_length=30, choices=Method.choices)
    purpose = models.TextField(_("what was asked"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return f"{self.held_on} – {self.place}"

    def get_absolute_url(self):
        return reverse("feedback:consultation", args=[self.pk])


class RepresentedGroup(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("group"), max_length=200)
    women = models.PositiveIntegerField(_("women and girls"), default=0)
    men = models.PositiveIntegerField(_("men and boys"), default=0)
    other_sex = models.PositiveIntegerField(_("other or not stated"), default=0)
    under_18 = models.PositiveIntegerField(_("under 18"), default=0)
    age_18_59 = models.PositiveIntegerField(_("18 to 59"), default=0)
    over_60 = models.PositiveIntegerField(_("60 and over"), default=0)
    with_disability = models.PositiveIntegerField(_("with a disability"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("represented group")
        verbose_name_plural = _("represented groups")

    def __str__(self):
        return self.name

    @property
    def total(self) -> int:
        return self.women + self.men + self.other_sex


class ConsultationInput(models.Model):
    class Use(models.TextChoices):
        PENDING = "pending", _("Not decided yet")
        ADOPTED = "adopted", _("Adopted")
        ADAPTED = "adapted", _("Adapted")
        NOT_TAKEN = "not_taken", _("Not taken")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="inputs")
    text = models.TextField(_("input raised"))
    use = models.CharField(
        _("how it was used"), max_length=20, choices=Use.choices, default=Use.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("consultation input")
        verbose_name_plural = _("consultation inputs")

    def __str__(self):
        return self.text[:60]


class Adaptation(models.Model):
    """ "You said, we did": a change made to the intervention because of what people said."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="adaptations"
    )
    what_changed = models.TextField(_("what changed"))
    decided_on = models.DateField(_("when"))
    decided_by = models.CharField(_("who decided"), max_length=200)
    cases = models.ManyToManyField(
        "feedback.Case", blank=True, related_name="adaptations", verbose_name=_("cases behind it")
    )
    inputs = models.ManyToManyField(
        ConsultationInput,
        blank=True,
        related_name="adaptations",
        verbose_name=_("consultation inputs behind it"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")

    def __str__(self):
        return self.what_changed[:60]
