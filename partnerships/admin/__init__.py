# Django imports this package's __init__ only; each feature's admin registers in its module.
from . import (
    api_tokens,  # noqa: F401
    core,  # noqa: F401
    mou,  # noqa: F401
    outbox,  # noqa: F401
    reflection,  # noqa: F401
    reporting,  # noqa: F401
    second_pass,  # noqa: F401
)
