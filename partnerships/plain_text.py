"""Templates for plain text (email subjects and bodies): rendered without HTML escaping.

"Women's Voice" must reach a mail client as typed, not as "Women&#x27;s Voice". The HTML
alternative of an email is still rendered by the normal, escaping engine.
"""

from functools import cache

from django.conf import settings
from django.template.backends.django import DjangoTemplates


@cache
def _engine() -> DjangoTemplates:
    options = dict(settings.TEMPLATES[0].get("OPTIONS", {}))
    options["autoescape"] = False
    options.pop("context_processors", None)
    return DjangoTemplates(
        {
            "NAME": "plain_text",
            "DIRS": settings.TEMPLATES[0]["DIRS"],
            "APP_DIRS": True,
            "OPTIONS": options,
        }
    )


def render_text(template_name: str, context: dict | None = None) -> str:
    return _engine().get_template(template_name).render(context or {})
