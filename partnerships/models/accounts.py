import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ..uploads import random_upload_to

# The choices a user picks from (the profile form; the model takes any name so that a tzdata
# update needs no migration). Region/City names only: old aliases would only lengthen the list.
TIME_ZONES = sorted(
    name
    for name in zoneinfo.available_timezones()
    if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))
) + ["UTC"]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Every login path (site, admin, password reset) finds the account whatever the case.
        return self.get(email__iexact=(username or "").strip())

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in; partner staff sign in with their email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_("Times are shown in this zone."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_CSO = "local_cso", _("Local civil-society organisation")
        NATIONAL_CSO = "national_cso", _("National civil-society organisation")
        COMMUNITY_BASED = "cbo", _("Community-based organisation")
        INTERNATIONAL_CSO = "international_cso", _("International civil-society organisation")
        DONOR = "donor", _("Donor")
        NETWORK = "network", _("Network")

    LOCAL_KINDS = {Kind.LOCAL_CSO, Kind.NATIONAL_CSO, Kind.COMMUNITY_BASED}

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    is_local_actor = models.BooleanField(
        _("local actor"),
        default=False,
        help_text=_("Rooted in and led from the country where the partnership works."),
    )
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Printed with the organisation's name on agreements such as the MoU."),
    )
    description = models.TextField(_("description"), blank=True)
    mission = models.TextField(_("mission"), blank=True, max_length=2000)
    expertise = models.TextField(_("expertise"), blank=True, max_length=2000)
    languages = models.CharField(
        _("working languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages the organisation works in, separated by commas."),
    )
    logo = models.ImageField(_("logo"), upload_to=random_upload_to("logos"), blank=True)
    require_two_factor = models.BooleanField(
        _("require two-step login"),
        default=False,
        help_text=_(
            "Admins, signatories and safeguarding focal points must confirm each "
            "login with a code from an authenticator app."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:organisation", args=[self.pk])


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        STAFF = "staff", _("Staff")
        VIEWER = "viewer", _("Viewer")

    EDITOR_ROLES = {Role.ADMIN, Role.STAFF}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    is_signatory = models.BooleanField(
        _("authorised signatory"),
        default=False,
        help_text=_("May sign agreements such as the MoU for this organisation."),
    )
    is_safeguarding_focal_point = models.BooleanField(
        _("safeguarding focal point"),
        default=False,
        help_text=_("Sees sensitive complaints."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role in self.EDITOR_ROLES


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An organisation admin asks a colleague, by email, to join the organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.STAFF
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def save(self, *args, **kwargs):
        # Accounts are stored in lower case: so is whom we invite, whatever path created it.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        age = timezone.now() - self.created_at
        return age.days >= settings.INVITATION_VALID_DAYS

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired

    def get_accept_url(self):
        return reverse("accept_invitation", args=[self.token])
