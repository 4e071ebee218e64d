"""Demo content for the foundation features; seed_demo calls `seed` with the demo partnerships."""

from . import demo_foundation, demo_mou, demo_reporting


def seed(partnerships):
    demo_mou.seed(partnerships)
    demo_reporting.seed(partnerships)
    demo_foundation.seed(partnerships)
