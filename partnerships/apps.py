from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # The foundation's own reminder sources register with the registry on import.
        from . import reminder_sources  # noqa: F401
