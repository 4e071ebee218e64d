"""Median time and peak memory to render a realistic MoU (4–6 pages) to PDF with WeasyPrint.

Runs against a scratch test database on whatever DATABASE_URL names (SQLite by default).
Usage: python bench/mou_pdf.py [renders=15]
"""

import datetime
import io
import resource
import statistics
import sys
import time
import tracemalloc

from _scratch import scratch_database  # first: it sets Django up

RENDERS = int(sys.argv[1]) if len(sys.argv) > 1 else 15

PARAGRAPH = (
    "Les partenaires s'engagent à prendre les décisions stratégiques ensemble, lors d'une "
    "réunion annuelle préparée par le partenaire local. Each partner shares the information "
    "the other needs in good time, in a language both understand, and explains the reasons "
    "for its choices. Disagreements are first discussed openly between the directors; if "
    "they remain, the steering committee, chaired by the local partner, decides."
)
ARABIC = "يلتزم الشركاء بالشفافية الكاملة في الميزانيات والتقارير."


def section(paragraphs: int) -> str:
    return "\n\n".join(f"{i + 1}. {PARAGRAPH}" for i in range(paragraphs))


def create_mou():
    from partnerships.models import (
        DecisionArea,
        Membership,
        Mou,
        Organisation,
        Partnership,
        PartnershipMember,
        User,
    )
    from partnerships.services import mou as services

    local = Organisation.objects.create(
        name="Association Sahel Solidarité", country="SN", kind="local_cso", is_local_actor=True
    )
    intl = Organisation.objects.create(
        name="Nordic Partners for Development", country="DK", kind="international_cso"
    )
    partnership = Partnership.objects.create(
        title="Eau potable pour les écoles de Thiès",
        local_needs="Les écoles manquent d'eau potable.",
    )
    PartnershipMember.objects.create(
        partnership=partnership, organisation=local, role="local_partner"
    )
    PartnershipMember.objects.create(
        partnership=partnership, organisation=intl, role="international_partner"
    )
    for area, decider in zip(
        DecisionArea.Area.values,
        ["joint", "local", "local", "consult", "local", "joint", "local"],
        strict=True,
    ):
        DecisionArea.objects.create(
            partnership=partnership,
            area=area,
            decider=decider,
            notes="Revu chaque année lors de la réunion conjointe.",
        )
    mou = Mou(
        partnership=partnership,
        title="Protocole d'accord – Eau potable pour les écoles",
        language="fr",
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2028, 12, 31),
        decision_making=section(5),
        accountability=section(4),
        transparency=section(4),
        resources=section(4),
        communication=section(3) + "\n\n" + ARABIC,
        representation=section(3),
    )
    mou.decision_matrix = services.matrix_snapshot(partnership)
    mou.parties = services.parties_snapshot(partnership)
    mou.save()
    services.mou_send_for_signatures(mou_id=mou.pk)
    for org, name in [(local, "Aïssatou Ndiaye"), (intl, "Søren Østergård")]:
        user = User.objects.create_user(f"{org.pk}@example.org", "x", full_name=name)
        Membership.objects.create(user=user, organisation=org, role="admin", is_signatory=True)
        services.mou_sign(
            mou_id=mou.pk,
            user=user,
            organisation=org,
            full_name=name,
            title="Directrice exécutive",
            content_hash=Mou.objects.get(pk=mou.pk).content_hash,
        )
    return Mou.objects.get(pk=mou.pk)


def main():
    from pypdf import PdfReader

    from partnerships.services.mou_pdf import render_pdf

    with scratch_database():
        mou = create_mou()
        signatures = list(mou.signatures.select_related("organisation"))
        pdf = render_pdf(mou, signatures)  # warm-up: template and font caches
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        times, cpu = [], []
        for _ in range(RENDERS):
            start, cpu_start = time.perf_counter(), time.process_time()
            render_pdf(mou, signatures)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
        tracemalloc.start()
        render_pdf(mou, signatures)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"MoU PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB")
        print(
            f"render median {statistics.median(times):.0f} ms, "
            f"min {min(times):.0f} ms, max {max(times):.0f} ms over {RENDERS} renders; "
            f"CPU time median {statistics.median(cpu):.0f} ms"
        )
        print(
            f"peak Python memory during one render {peak / 1024 / 1024:.1f} MiB "
            f"(tracemalloc); process max RSS {max_rss:.0f} MiB"
        )


if __name__ == "__main__":
    main()
