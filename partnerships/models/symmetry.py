from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportingExemption(models.Model):
    """An organisation's own recorded agreement not to report in a partnership. Without one,
    a reporting schedule cannot leave the organisation out: every member reports."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="reporting_exemptions"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting exemption")
        verbose_name_plural = _("reporting exemptions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="one_reporting_exemption"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.partnership}"
