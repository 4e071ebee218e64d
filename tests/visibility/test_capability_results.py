"""The capability statement shows an organisation's eight latest results and loads only those
(an organisation in hundreds of partnerships has hundreds): the same eight the whole list
would start with, anonymity kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from visibility.services import capability_pdf, results
from visibility.services.public import results_for_profile
from visibility.views import public as public_views

from .helpers import approve_all, credit_of, make_result, open_page, publish_profile

pytestmark = pytest.mark.django_db


def _results(world, count):
    """`count` published results; every third credits the international partner anonymously,
    and the page names it, so those never show on the local partner's profile."""
    for n in range(count):
        result = make_result(world, title=f"Result {n}")
        if n % 3 == 0:
            results.credit_update(
                credit=credit_of(result, world.international_org),
                user=world.international_admin,
                name_as="",
                anonymous=True,
                anonymous_label="an international organisation",
            )
        approve_all(world, result)


@pytest.mark.parametrize("count", [4, 20])
def test_the_limited_list_is_the_start_of_the_whole_one(world, count):
    open_page(world, title=f"With {world.international_org.name}")
    _results(world, count)
    whole = results_for_profile(world.local_org)
    assert len(whole) == count - len(range(0, count, 3))
    limited = results_for_profile(world.local_org, limit=capability_pdf.RESULTS_SHOWN)
    assert limited == whole[: capability_pdf.RESULTS_SHOWN]


def test_the_statement_loads_only_the_results_it_shows(world):
    open_page(world)
    _results(world, 30)
    profile = publish_profile(world.local_org)
    with CaptureQueriesContext(connection) as captured:
        html = capability_pdf.render_html(profile, "en")
    loads = [q["sql"] for q in captured.captured_queries]
    loads = [sql for sql in loads if sql.startswith('SELECT "visibility_result"')]
    assert len(loads) == 1 and loads[0].endswith(f"LIMIT {capability_pdf.RESULTS_SHOWN}")
    assert html.count('class="result"') == capability_pdf.RESULTS_SHOWN
    assert "Result 22" in html and "Result 21" not in html  # the eighth, not the ninth


def test_the_public_profile_shows_the_latest_results_and_says_so(client, world, monkeypatch):
    monkeypatch.setattr(public_views, "PROFILE_RESULTS", 3)
    open_page(world, title=f"With {world.international_org.name}")
    profile = publish_profile(world.local_org)
    _results(world, 5)  # three keep the local partner named (every third is anonymous)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert html.count('class="card result"') == 3 and 'id="more-results"' not in html
    _results(world, 3)
    html = client.get(profile.get_absolute_url()).content.decode()
    latest = results_for_profile(world.local_org)[:3]
    assert html.count('class="card result"') == 3
    assert [f'id="result-{r.pk}"' in html for r in latest] == [True, True, True]
    assert 'id="more-results"' in html
