"""The main pages: what a logged-in user navigates to, for the cross-app checks of width,
translation and accessibility (tests/ux/).

Each app lists its pages in `tests/<app>/main_pages.py` as `pages(partnership) ->
list[(label, url)]` for a partnership created by `seed_demo`, and optionally
`public_pages(partnership)` for pages an anonymous visitor sees. A page a role may not open
(403) is skipped for that role; any other error fails the check.
"""

import importlib

from tests.access_matrix import APPS


def _modules():
    for app in APPS:
        try:
            yield app, importlib.import_module(f"tests.{app}.main_pages")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.{app}.main_pages":
                raise


def collect(partnership) -> list[tuple[str, str]]:
    return [
        (f"{app}: {label}", url)
        for app, module in _modules()
        for label, url in module.pages(partnership)
    ]


def collect_public(partnership) -> list[tuple[str, str]]:
    return [
        (f"{app}: {label}", url)
        for app, module in _modules()
        if hasattr(module, "public_pages")
        for label, url in module.public_pages(partnership)
    ]
