"""Budget rules, one concern per module.

Read-only computations (nothing is written, safe to call from any page):
- `indicators`: the localisation indicators of a budget's lines.
- `rules`: the agreed flexibility rule, what moved since the last approved baseline, and
  whether a change fits within the rule; who may decide or withdraw a request.
- `people`: who works for which organisation in a partnership.

Writes (each in one transaction, telling the other party where the rules say so):
- `history`: the budget's event log.
- `lines`: creating, editing and putting a budget in use; its lines while it is a draft.
- `csv_lines`: CSV export (formula-safe) and all-or-nothing import.
- `agreements`: setting the flexibility rule and agreeing to it.
- `changes`: change requests: asked, applied within the rule, decided, withdrawn, lapsed.
- `comments`: the budget's discussion.
"""

# The entry points other code calls most, importable as `budgets.services.<name>`.
from .changes import (
    change_request_create,
    change_request_decide,
    change_request_withdraw,
)
from .rules import Move

__all__ = ["Move", "change_request_create", "change_request_decide", "change_request_withdraw"]
