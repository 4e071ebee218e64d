"""Read-only JSON for an organisation's own dashboards: the same figures as the pages,
scoped exactly like them (partnerships.access), described by openapi.json. Callers log in
with the session or a personal API token (partnerships.api_auth)."""

from pathlib import Path

from django.http import FileResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from partnerships.access import access_for
from partnerships.api_auth import api_view
from partnerships.health_registry import Reading

from . import services
from .portfolio import portfolio_for
from .views import chosen_organisation, filters_from

OPENAPI = Path(__file__).resolve().parent / "openapi.json"


def _number(value):
    return None if value is None else float(value)


def reading_json(reading: Reading) -> dict:
    return {
        "key": reading.indicator.key,
        "label": str(reading.indicator.label),
        "definition": str(reading.indicator.definition),
        "unit": reading.indicator.unit,
        "value": _number(reading.value),
        "text": reading.measure.text,
        "status": reading.status,
        "by_organisation": {
            str(org): _number(v) for org, v in reading.measure.by_organisation.items()
        },
        "improve_url": reading.improve_url,
    }


@require_GET
@api_view
def partnership_health(request, pk):
    access = access_for(request.user, pk)
    dimensions = services.partnership_health(access.partnership, today=timezone.localdate())
    return JsonResponse(
        {
            "id": access.partnership.pk,
            "title": access.partnership.title,
            "status": access.partnership.status,
            "dimensions": [
                {
                    "key": d.dimension,
                    "label": d.label,
                    "indicators": [reading_json(r) for r in d.readings],
                }
                for d in dimensions
            ],
        }
    )


@require_GET
@api_view
def portfolio(request):
    organisation, _ = chosen_organisation(request)
    found = portfolio_for(organisation, filters=filters_from(request), today=timezone.localdate())
    return JsonResponse(
        {
            "organisation": {"id": organisation.pk, "name": organisation.name},
            "partnerships": [
                {
                    "id": row.partnership.pk,
                    "title": row.partnership.title,
                    "status": row.partnership.status,
                    "role": row.role,
                    "dimensions": dict(row.dimension_statuses),
                    "indicators": [reading_json(r) for r in row.readings],
                }
                for row in found.rows
            ],
            "totals": {
                name: [
                    {
                        "label": t.label,
                        "part": _number(t.part),
                        "whole": _number(t.whole),
                        "value": _number(t.value),
                        "status": t.status,
                    }
                    for t in totals
                ]
                for name, totals in found.totals.items()
                if isinstance(totals, list)
            },
            "open_complaints_past_deadline": found.totals["open_past_deadline"],
        }
    )


@require_GET
def openapi(request):
    return FileResponse(OPENAPI.open("rb"), content_type="application/json")
