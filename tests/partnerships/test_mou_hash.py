"""Everything a signatory signs is in the MoU's hash: changing any one signed field changes it.

The list below is written out on purpose, not read from the model's CONTENT_FIELDS: a field
dropped from the hash there must make this test fail.
"""

import datetime

import pytest

from .mou_support import make_mou

pytestmark = pytest.mark.django_db

SIGNED_FIELDS = {
    "partnership_id": lambda mou, other: other.pk,
    "version": lambda mou, other: mou.version + 1,
    "title": lambda mou, other: mou.title + ".",
    "language": lambda mou, other: "fr",
    "term_start": lambda mou, other: mou.term_start - datetime.timedelta(days=1),
    "term_end": lambda mou, other: mou.term_end + datetime.timedelta(days=1),
    "decision_making": lambda mou, other: mou.decision_making + ".",
    "accountability": lambda mou, other: mou.accountability + ".",
    "transparency": lambda mou, other: mou.transparency + ".",
    "resources": lambda mou, other: mou.resources + ".",
    "communication": lambda mou, other: mou.communication + ".",
    "representation": lambda mou, other: mou.representation + ".",
    "decision_matrix": lambda mou, other: [{**mou.decision_matrix[0], "decider": "local"}],
    "parties": lambda mou, other: [{**mou.parties[0], "name": "Renamed"}, *mou.parties[1:]],
}


@pytest.mark.parametrize("field", sorted(SIGNED_FIELDS))
def test_every_signed_field_is_in_the_hash(world, field):
    from ..factories import PartnershipFactory

    mou = make_mou(world.partnership)
    before = mou.compute_hash()
    assert before == mou.content_hash
    setattr(mou, field, SIGNED_FIELDS[field](mou, PartnershipFactory()))
    assert mou.compute_hash() != before
