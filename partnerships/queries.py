"""Query helpers that work the same on PostgreSQL and SQLite."""

from django.db import connections, router
from django.db.models import QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    """{name: queryset.count()} for every named queryset, in one query. The partnership page
    shows a handful of "how many" for each dimension: asked one by one, each cost a query
    (about half a millisecond of compiling and waiting)."""
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


def first_of_each(rows, key: str) -> dict:
    """{row[key]: the first row with that key} of ordered rows (model instances or dicts): what
    PostgreSQL's DISTINCT ON gives, on every database."""
    found = {}
    for row in rows:
        value = row[key] if isinstance(row, dict) else getattr(row, key)
        found.setdefault(value, row)
    return found
