"""The yardstick for bench/pages.py: a bare single-file Django site.

One model, one query, 50 rows rendered through a base template, with Django's stock security
and common middleware. `bench/pages.py` serves it with gunicorn beside the app and divides its
throughput by each page's. Run `python bench/bare_site.py setup` once against DATABASE_URL to
create its table; gunicorn serves `bare_site:application` (with bench/ on the path).
"""

import os
import sys

import django
import environ
from django.conf import settings

database = environ.Env.db_url_config(os.environ["DATABASE_URL"])
database["CONN_MAX_AGE"] = 60
settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-site-benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": database},
    INSTALLED_APPS=[],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "base.html": (
                                '<!doctype html><html lang="en"><head><meta charset="utf-8">'
                                "<title>{% block title %}{% endblock %}</title></head>"
                                "<body><main>{% block content %}{% endblock %}</main></body></html>"
                            ),
                            "items.html": (
                                "{% extends 'base.html' %}{% block title %}Items{% endblock %}"
                                "{% block content %}<h1>Items</h1><ul>{% for item in items %}"
                                "<li>{{ item.name }} · {{ item.created_at|date:'Y-m-d' }}</li>"
                                "{% endfor %}</ul>{% endblock %}"
                            ),
                        },
                    )
                ]
            },
        }
    ],
    USE_TZ=True,
)
django.setup()

from django.db import connection, models  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402


class Item(models.Model):
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "bare"
        db_table = "bench_bare_item"

    def __str__(self):
        return self.name


def items(request):
    return render(request, "items.html", {"items": Item.objects.order_by("pk")[:50]})


urlpatterns = [path("", items)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()


def setup():
    if Item._meta.db_table in connection.introspection.table_names():
        return  # a kept data set (BENCH_KEEP=1) has it already
    with connection.schema_editor() as editor:
        editor.create_model(Item)
    Item.objects.bulk_create(Item(name=f"Item {i}") for i in range(50))


if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    setup()
