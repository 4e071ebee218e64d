from django.urls import reverse

from tests.access_matrix import AccessCase

from .helpers import make_feedback_objects


def cases(world):
    o = make_feedback_objects(world)
    p = world.partnership.pk
    case, sensitive = o["case"].pk, o["sensitive"].pk
    slug = o["channel"].slug

    def url(name, *args):
        return reverse(f"feedback:{name}", args=args)

    return [
        AccessCase("feedback:cases", url("cases", p)),
        AccessCase("feedback:case_new", url("case_new", p), edit=True),
        AccessCase(
            "feedback:case_new",
            url("case_new", p),
            edit=True,
            method="post",
            data={
                "via": "box",
                "received_on": "2026-01-01",
                "kind": "feedback",
                "language": "en",
                "text": "From the box",
            },
            member_ok=False,
        ),
        AccessCase("feedback:channel", url("channel", p)),
        AccessCase(
            "feedback:channel",
            url("channel", p),
            edit=True,
            method="post",
            data={"public_name": "Taken"},
            member_ok=False,
        ),
        AccessCase("feedback:poster", url("poster", p, "en")),
        AccessCase("feedback:dashboard", url("dashboard", p)),
        AccessCase("feedback:export", url("export", p)),
        AccessCase("feedback:consultations", url("consultations", p)),
        AccessCase(
            "feedback:consultations",
            url("consultations", p),
            edit=True,
            method="post",
            data={"held_on": "2026-01-01"},
            member_ok=False,
        ),
        AccessCase("feedback:adaptations", url("adaptations", p)),
        AccessCase(
            "feedback:adaptations",
            url("adaptations", p),
            edit=True,
            method="post",
            data={"what_changed": "x"},
            member_ok=False,
        ),
        AccessCase("feedback:case", url("case", case)),
        # Sealed: a member who is not a focal point gets a 404 too (test_access.py).
        AccessCase("feedback:case", url("case", sensitive), member_ok=False),
        AccessCase(
            "feedback:case_action",
            url("case_action", case),
            edit=True,
            method="post",
            data={"action": "note", "text": "x"},
            member_ok=False,
        ),
        AccessCase("feedback:attachment", url("attachment", case, o["attachment"].pk)),
        AccessCase("feedback:consultation", url("consultation", o["consultation"].pk)),
        AccessCase(
            "feedback:consultation",
            url("consultation", o["consultation"].pk),
            edit=True,
            method="post",
            data={"form": "input", "input-text": "x"},
            member_ok=False,
        ),
        AccessCase(
            "feedback:input_use",
            url("input_use", o["input"].pk),
            edit=True,
            method="post",
            data={},
            member_ok=False,
        ),
        # Public: reachable by anyone, an outsider included.
        AccessCase(
            "feedback:webhook", url("webhook", slug), method="post", public=True, member_ok=False
        ),
        AccessCase(
            "feedback_public:form", reverse("feedback_public:form", args=[slug]), public=True
        ),
        AccessCase(
            "feedback_public:follow_up",
            reverse("feedback_public:follow_up", args=[slug]),
            public=True,
        ),
        AccessCase(
            "feedback_public:results", reverse("feedback_public:results", args=[slug]), public=True
        ),
    ]
