from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisibilityConfig(AppConfig):
    name = "visibility"
    verbose_name = _("Visibility of local partners")

    def ready(self):
        # Connects the receivers (renaming an organisation refreshes its public pages).
        import_module(f"{self.name}.signals")
