from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Partnership


class Result(models.Model):
    """A result or story of the joint work. It is public only while every organisation it
    credits has approved how it is named (`published_at`, kept by the services)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="visibility_results"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story"), max_length=6000)
    figures = models.TextField(
        _("figures"),
        blank=True,
        max_length=800,
        help_text=_("Key numbers, one per line, for example “1,200 young people took part”."),
    )
    photo = models.FileField(_("photo"), blank=True, max_length=200)
    photo_consent = models.TextField(
        _("consent for the photo"),
        blank=True,
        help_text=_("Who gave consent to publish the photo, how and when."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("visibility:result", args=[self.partnership_id, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Credit(models.Model):
    """How one organisation is named on a result, and its own admin's approval of that."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="credits")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="visibility_credits"
    )
    # Local partners are listed first; kept on the row so lists need no extra query.
    is_local = models.BooleanField(default=False)
    name_as = models.CharField(
        _("named as"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the organisation's name."),
    )
    anonymous = models.BooleanField(
        _("credit anonymously"),
        default=False,
        help_text=_("For work in a risky context: the name and logo appear nowhere public."),
    )
    anonymous_label = models.CharField(
        _("anonymous description"),
        max_length=200,
        blank=True,
        help_text=_("For example “a local women's rights organisation”."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("approval withdrawn"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_local", "pk"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(fields=["result", "organisation"], name="unique_credit"),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | ~models.Q(anonymous_label=""),
                name="anonymous_credit_has_label",
            ),
        ]

    def __str__(self):
        return f"{self.result} – {self.organisation}"

    @property
    def public_name(self) -> str:
        """The only name that may ever be shown outside the partnership."""
        if self.anonymous:
            return self.anonymous_label
        return self.name_as or self.organisation.name

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None
