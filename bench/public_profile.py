"""The public profile of an organisation credited on 50 published results: median time and
queries, cold (cache emptied before each request) and warm; and the capability statement PDF's
render time.

Runs against a scratch test database on whatever DATABASE_URL names, and the cache REDIS_URL
names (a file cache without it).
Usage: python bench/public_profile.py [requests=30]
"""

import statistics
import sys
import time

from _scratch import scratch_database  # first: it sets Django up
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
RESULTS = 50
STORY = (
    "After a year of hearings prepared by youth champions, the county adopted three of "
    "their proposals, including a fund for youth-led enterprises. "
) * 3


def build():
    from partnerships.models import Membership, Organisation, Partnership, PartnershipMember, User
    from visibility.models import Forum, ForumRole
    from visibility.services import public, results

    local = Organisation.objects.create(
        name="Sauti ya Jamii", country="KE", kind="local_cso", is_local_actor=True
    )
    intl = Organisation.objects.create(
        name="Nordic Solidarity", country="DK", kind="international_cso"
    )
    admins = {}
    for org in (local, intl):
        user = User.objects.create_user(f"admin@{org.pk}.example", "x")
        Membership.objects.create(user=user, organisation=org, role="admin")
        admins[org.pk] = user
    partnership = Partnership.objects.create(title="Bench", local_needs="n")
    PartnershipMember.objects.create(
        partnership=partnership, organisation=local, role="local_partner"
    )
    PartnershipMember.objects.create(
        partnership=partnership, organisation=intl, role="international_partner"
    )
    for i in range(8):
        forum = Forum.objects.create(name=f"Forum {i}", kind="network", level="national")
        ForumRole.objects.create(
            organisation=local,
            forum=forum,
            role="chair" if i % 3 == 0 else "member",
            show_publicly=True,
        )
    public.page_save(
        partnership=partnership, title="Youth voices", summary="s", languages=["en", "ar"]
    )
    for org in (local, intl):
        public.page_approve(partnership=partnership, organisation=org, user=admins[org.pk])
    profile = public.profile_save(
        organisation=local,
        is_public=True,
        mission="Young people shape decisions. " * 5,
        expertise="Budget advocacy\nYouth organising\nCommunity radio",
        countries=["KE"],
        languages=["en", "ar"],
        show_website=True,
        public_email="info@sauti.example",
        slug="sauti-ya-jamii",
    )
    public.profile_save(
        organisation=intl, is_public=True, mission="m", languages=["en"], slug="nordic"
    )
    for i in range(RESULTS):
        result = results.result_create(
            partnership=partnership,
            user=admins[intl.pk],
            title=f"Result {i}",
            text=STORY,
            figures="1,200 young people consulted\n3 proposals adopted",
            credited=[local, intl],
        )
        for credit in result.credits.all():
            results.credit_approve(credit=credit, user=admins[credit.organisation_id])
    profile.refresh_from_db()
    return profile


def timed(client, url, *, cold):
    timings = []
    for _ in range(REQUESTS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def main():
    with scratch_database():
        from visibility.services import capability_pdf

        profile = build()
        client = Client()
        url = profile.get_absolute_url()
        assert client.get(url).content.decode().count('class="card result"') == RESULTS
        print(f"public profile, {RESULTS} credited results ({REQUESTS} requests each)")
        print(f"{'':>8} {'median ms':>10} {'queries':>8}")
        for label, cold in (("cold", True), ("cached", False)):
            median, queries = timed(client, url, cold=cold)
            print(f"{label:>8} {median:>10.1f} {queries:>8}")
        renders = []
        for language in ("en", "ar") * 5:
            start = time.perf_counter()
            pdf = capability_pdf.render_pdf(profile, language)
            renders.append((time.perf_counter() - start) * 1000)
        print(
            f"capability statement PDF ({len(pdf) // 1024} KB): median "
            f"{statistics.median(renders):.0f} ms over {len(renders)} renders (en, ar), "
            f"first {renders[0]:.0f} ms"
        )


if __name__ == "__main__":
    main()
