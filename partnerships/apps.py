from celery.signals import worker_init
from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from . import (
    checks,  # registers the start-up checks
    page_cache,
)


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        worker_init.connect(checks.refuse_to_start_a_misconfigured_worker, weak=False)
        # Each app's tasks module registers its tasks, as admin.py registers models: code
        # publishes tasks by name and never imports them, so nothing else would load them
        # in the web process, and an eager (test) run needs them registered.
        autodiscover_modules("tasks")
        # The foundation's reminder sources (partnerships/reminder_sources.py) register with
        # the registry on import; partnerships/reminders.py is the registry itself.
        autodiscover_modules("reminder_sources")
        # Each app's health indicators, symmetry rows and records (partnerships.health_registry)
        # register on import; once here, not on every reading (a tenth of the health page's
        # time went to looking the modules up again).
        autodiscover_modules("health")
        # Every statement that writes, from any process, ends the cached pages (page_cache.py).
        connection_created.connect(page_cache.install, weak=False, dispatch_uid="page-cache-watch")
