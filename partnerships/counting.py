"""Several counts in one round trip.

The partnership page shows a handful of "how many" for each dimension. Asked one by one, each
count cost a query (about half a millisecond of compiling and waiting); asked together, they
cost one.
"""

from django.db import connections, router
from django.db.models import QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    """{name: queryset.count()} for every named queryset, in one query."""
    if not querysets:
        return {}
    first = next(iter(querysets.values()))
    connection = connections[router.db_for_read(first.model)]
    parts, params = [], []
    for name, queryset in querysets.items():
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted) AS {connection.ops.quote_name(name)}")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))
