from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from partnerships.access import access_for
from partnerships.page_cache import cached_page

from ..models import AssessmentRound
from ..services import indicators as services
from ..services.assessment import complete_round_ids


@login_required
@cached_page
def home(request, pk):
    access = access_for(request.user, pk)
    rounds = list(
        AssessmentRound.objects.filter(partnership=access.partnership).select_related("framework")
    )
    complete_ids = complete_round_ids(access.partnership)
    complete = set(complete_ids)
    figures = services.indicators(access.partnership, complete_ids)
    chart = {
        "labels": [f.organisation.name for f in figures["organisations"]],
        "datasets": [
            {"label": str(_label), "data": data}
            for _label, data in (
                (
                    _("Actions strengthening it"),
                    [f.actions_received for f in figures["organisations"]],
                ),
                (_("Actions it provides"), [f.actions_provided for f in figures["organisations"]]),
            )
        ],
    }
    return render(
        request,
        "capacity/home.html",
        {
            "partnership": access.partnership,
            "access": access,
            "rounds": rounds,
            "complete": complete,
            "figures": figures,
            "chart": chart,
        },
    )
