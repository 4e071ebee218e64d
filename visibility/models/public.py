import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partnerships.models import Organisation, Partnership


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


class PublicProfile(models.Model):
    """What an organisation chooses to show the world. Off until its own admin turns it on."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="public_profile"
    )
    is_public = models.BooleanField(_("published"), default=False)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    mission = models.TextField(_("mission"), blank=True, max_length=1500)
    expertise = models.TextField(
        _("expertise"), blank=True, max_length=800, help_text=_("One area per line.")
    )
    countries = CountryField(_("countries where it works"), multiple=True, blank=True)
    logo = models.FileField(_("logo"), blank=True, max_length=200)
    languages = models.JSONField(_("languages of the profile"), default=list, blank=True)
    show_website = models.BooleanField(_("show the website"), default=True)
    public_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("A general address; staff emails are never shown."),
    )
    # Bumped in the same transaction as any change to what the public pages show, so a cached
    # page under the old number can never be served again, even if deleting it failed.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("visibility:public_profile", args=[self.slug])

    @property
    def expertise_list(self) -> list[str]:
        return [line.strip() for line in self.expertise.splitlines() if line.strip()]

    @property
    def language_codes(self) -> list[str]:
        allowed = _language_codes()
        return [code for code in self.languages if code in allowed] or ["en"]


def _page_token():
    return secrets.token_urlsafe(9)


class PartnershipPage(models.Model):
    """The partnership's public results page; public only while every member agrees."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="public_page"
    )
    # Unguessable, so a page never opened to the public cannot be found by counting ids.
    slug = models.SlugField(max_length=40, unique=True, default=_page_token, editable=False)
    title = models.CharField(_("public title"), max_length=200)
    summary = models.TextField(_("public summary"), blank=True, max_length=2000)
    languages = models.JSONField(_("languages of the page"), default=list, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("public partnership page")
        verbose_name_plural = _("public partnership pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("visibility:public_partnership", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.published_at is not None

    @property
    def language_codes(self) -> list[str]:
        allowed = _language_codes()
        return [code for code in self.languages if code in allowed] or ["en"]


class PartnershipPageApproval(models.Model):
    page = models.ForeignKey(PartnershipPage, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approved_at"]
        verbose_name = _("approval of the public page")
        verbose_name_plural = _("approvals of the public page")
        constraints = [
            models.UniqueConstraint(fields=["page", "organisation"], name="unique_page_approval"),
        ]

    def __str__(self):
        return f"{self.page} – {self.organisation}"


class Endorsement(models.Model):
    """A partner's word about an organisation; shown only if the organisation chooses to."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="endorsements_received"
    )
    author_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="endorsements_given",
        verbose_name=_("endorsed by"),
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("endorsement"), max_length=1500)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shown = models.BooleanField(_("shown on the profile and capability statement"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")

    def __str__(self):
        return f"{self.author_organisation} → {self.organisation}"
