from django.urls import reverse

from partnerships.models import MouDocument
from tests.access_matrix import AccessCase

from .mou_support import make_mou


def pdf_cases(world):
    p = world.partnership
    mou = make_mou(p, title="With a PDF request", status="awaiting")
    document = MouDocument.objects.create(
        mou=mou, render_key="x" * 64, state=MouDocument.State.FAILED, error="failed"
    )
    args = [p.pk, mou.pk, document.pk]
    return [
        AccessCase(
            "partnerships:mou_pdf_status", reverse("partnerships:mou_pdf_status", args=args)
        ),
        # Any member may ask again for a PDF they may read.
        AccessCase(
            "partnerships:mou_pdf_retry",
            reverse("partnerships:mou_pdf_retry", args=args),
            method="post",
            member_ok=False,
        ),
        # Only the organisation's own admins set its two-step login policy.
        AccessCase(
            "partnerships:organisation_security",
            reverse("partnerships:organisation_security", args=[world.local_org.pk]),
            edit=True,
        ),
        AccessCase(
            "partnerships:organisation_security",
            reverse("partnerships:organisation_security", args=[world.local_org.pk]),
            edit=True,
            method="post",
            data={"require_two_factor": "on"},
            member_ok=False,
        ),
    ]
