"""The access matrix: every URL that takes an id, requested by everyone who must not get in.

Each app lists its URLs in `tests/<app>/access_cases.py` as `cases(world) -> list[AccessCase]`,
creating whatever objects the URLs need inside `world.partnership`. The matrix test fails if a
URL with an id is in no app's list, so a new URL cannot slip through unchecked.
"""

import importlib
from dataclasses import dataclass, field

APPS = ["partnerships", "capacity", "feedback", "visibility", "budgets", "health"]


@dataclass
class AccessCase:
    name: str  # the URL name, e.g. "partnerships:detail"
    url: str
    edit: bool = False  # a viewer must get 403
    method: str = "get"
    data: dict = field(default_factory=dict)
    public: bool = False  # reachable without logging in (e.g. the public feedback form)
    member_ok: bool = True  # a member's GET succeeds (proves the case points at a real object)
    api: bool = False  # a JSON API: an anonymous caller gets 401, not a redirect to log in


def collect(world) -> list[AccessCase]:
    cases = []
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.access_cases")
        except ModuleNotFoundError:
            continue
        cases.extend(module.cases(world))
    return cases
