from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import DecisionArea
from . import mou as mou_services


@transaction.atomic
def decision_matrix_save(*, partnership, areas: dict[str, tuple[str, str]]) -> None:
    if DecisionArea.is_locked_for(partnership.pk):
        raise ValidationError(
            _(
                "The decision-making agreement is part of an MoU in force; "
                "start a new MoU version to change it."
            )
        )
    current = {row.area: row for row in DecisionArea.objects.filter(partnership=partnership)}
    for area, (decider, notes) in areas.items():
        row = current.get(area)
        if not decider:
            if row:
                row.delete()
        elif row is None:
            DecisionArea.objects.create(
                partnership=partnership, area=area, decider=decider, notes=notes
            )
        elif (row.decider, row.notes) != (decider, notes):
            row.decider, row.notes = decider, notes
            row.save()
    mou_services.mou_matrix_changed(partnership=partnership)
