"""The MoU PDF at the largest sizes the forms and models allow, in the worst shapes we know.

Prints the render time of each shape and checks it against the stated bound; also shows that
asking for a PDF costs the web request no rendering at all (it is queued for a worker).

Bound: at the caps (6 sections × SECTION_MAX_LENGTH characters, 7 decision notes ×
MATRIX_NOTES_MAX_LENGTH, a 200-character title) every shape renders in under BOUND_SECONDS on
one core of this machine — well inside the worker's PDF_RENDER_TIME_LIMIT (60 s by default).
Usage: python bench/pdf_abuse.py [renders per shape=3]
"""

import datetime
import statistics
import sys
import time

from _scratch import scratch_database  # first: it sets Django up

RENDERS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
BOUND_SECONDS = 20.0

PROSE = (
    "Les partenaires s'engagent à prendre les décisions stratégiques ensemble, lors d'une "
    "réunion annuelle préparée par le partenaire local. Each partner shares the "
    "information the other needs in good time. "
)
ARABIC = "يلتزم الشركاء بالشفافية الكاملة في الميزانيات والتقارير ويتبادلون المعلومات. "


def fill(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length].rstrip()


def lines(count: int, length: int, separator: str = "\n", unit: str = PROSE) -> str:
    """`count` lines of `unit` filling `length` characters."""
    width = (length - count * len(separator)) // count
    return separator.join(fill(unit, width) for _ in range(count))[:length]


def shapes(section_max: int, notes_max: int, section_lines: int, notes_lines: int):
    words = " ".join(["x" * 60] * (section_max // 61))
    return {
        "prose": (fill(PROSE + "\n\n", section_max), fill(PROSE, notes_max)),
        "most lines allowed": (lines(section_lines, section_max), lines(notes_lines, notes_max)),
        "most paragraphs": (
            lines(section_lines // 2, section_max, "\n\n"),
            lines(notes_lines // 2, notes_max, "\n\n"),
        ),
        "longest words": (words, " ".join(["y" * 60] * (notes_max // 61))),
        "one paragraph": (fill(PROSE, section_max), fill(PROSE, notes_max)),
        "Arabic paragraphs": (
            lines(section_lines // 2, section_max, "\n\n", ARABIC),
            fill(ARABIC, notes_max),
        ),
    }


def make_mou(section_text: str, notes_text: str):
    from partnerships.models import DecisionArea, Mou, Organisation, Partnership
    from partnerships.models import PartnershipMember as Member
    from partnerships.services import mou as services

    n = Organisation.objects.count()
    local = Organisation.objects.create(name=f"{n:03}" + "L" * 197, country="SN", kind="local_cso")
    intl = Organisation.objects.create(
        name=f"{n:03}" + "I" * 197, country="DK", kind="international_cso"
    )
    partnership = Partnership.objects.create(title="P" * 200, local_needs="Water.")
    Member.objects.create(partnership=partnership, organisation=local, role="local_partner")
    Member.objects.create(partnership=partnership, organisation=intl, role="international_partner")
    for area in DecisionArea.Area.values:
        DecisionArea(
            partnership=partnership, area=area, decider="joint", notes=notes_text
        ).full_clean()
        DecisionArea.objects.create(
            partnership=partnership, area=area, decider="joint", notes=notes_text
        )
    mou = Mou(
        partnership=partnership,
        title="T" * 200,
        language="fr",
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2028, 12, 31),
        decision_making=section_text,
        accountability=section_text,
        transparency=section_text,
        resources=section_text,
        communication=section_text,
        representation=section_text,
    )
    mou.decision_matrix = services.matrix_snapshot(partnership)
    mou.parties = services.parties_snapshot(partnership)
    # The caps hold: this is the most text allowed, in this shape.
    mou.full_clean(exclude=["content_hash", "partnership_title"])
    mou.save()
    return mou


def web_request_seconds(mou) -> tuple[float, int]:
    """Time of the web request that asks for the PDF, with the broker call stubbed out."""
    from django.test import Client
    from django.urls import reverse

    from partnerships.models import Membership, User
    from partnerships.services import mou_pdf

    user = User.objects.create_user(f"bench{mou.pk}@example.org", "x")
    Membership.objects.create(user=user, organisation_id=mou.party_ids[0], role="viewer")
    renders = []
    real = mou_pdf.render_pdf
    mou_pdf.render_pdf = lambda *a, **k: renders.append(1)
    try:
        client = Client()
        client.force_login(user)
        url = reverse("partnerships:mou_pdf", args=[mou.partnership_id, mou.pk])
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 302, response.status_code
    finally:
        mou_pdf.render_pdf = real
    return elapsed, len(renders)


def main():
    import io

    from django.db import connection
    from pypdf import PdfReader

    from config.celery import app
    from partnerships.models.decisions import MATRIX_NOTES_MAX_LENGTH, MATRIX_NOTES_MAX_LINES
    from partnerships.models.mou import SECTION_MAX_LENGTH, SECTION_MAX_LINES
    from partnerships.services.mou_pdf import render_pdf

    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"  # the request publishes to nowhere: no worker here
    print(
        f"caps: {SECTION_MAX_LENGTH} characters and {SECTION_MAX_LINES} lines per section, "
        f"{MATRIX_NOTES_MAX_LENGTH} characters and {MATRIX_NOTES_MAX_LINES} lines per "
        f"decision note, words of 60 characters; bound {BOUND_SECONDS:.0f} s per render"
    )
    worst = 0.0
    limits = (
        SECTION_MAX_LENGTH,
        MATRIX_NOTES_MAX_LENGTH,
        SECTION_MAX_LINES,
        MATRIX_NOTES_MAX_LINES,
    )
    with scratch_database("test_bench_pdf_abuse"):
        for name, (section_text, notes_text) in shapes(*limits).items():
            mou = make_mou(section_text, notes_text)
            times = []
            for _ in range(RENDERS):
                start = time.perf_counter()
                pdf = render_pdf(mou)
                times.append(time.perf_counter() - start)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            worst = max(worst, max(times))
            print(
                f"{name:>18}: {len(section_text)} characters × 6, "
                f"median {statistics.median(times):5.2f} s, "
                f"max {max(times):5.2f} s, {pages} pages, {len(pdf) // 1024} KiB"
            )
        web, renders = web_request_seconds(mou)
        connection.close()
    print(
        f"web request for the PDF: {web * 1000:.0f} ms, {renders} renders in the request "
        f"(queued for a worker)"
    )
    print(
        f"worst render {worst:.2f} s: {'within' if worst < BOUND_SECONDS else 'OVER'} the "
        f"{BOUND_SECONDS:.0f} s bound"
    )
    if worst >= BOUND_SECONDS or renders:
        sys.exit(1)


if __name__ == "__main__":
    main()
