import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships.forms.mou import MouForm
from partnerships.models import DecisionArea, Membership, Mou, MouSignature
from partnerships.models.mou import MouLocked
from partnerships.services import mou as services
from tests.factories import MembershipFactory, UserFactory

from .mou_support import SECTION_TEXT, make_mou, sign_all


def url(name, mou):
    return reverse(f"partnerships:{name}", args=[mou.partnership_id, mou.pk])


def form_data(mou, **changes):
    data = {
        "title": mou.title,
        "language": mou.language,
        "term_start": mou.term_start.isoformat(),
        "term_end": mou.term_end.isoformat(),
        **{name: getattr(mou, name) for name in SECTION_TEXT},
    }
    return {**data, **changes}


def test_the_hash_changes_when_one_character_changes(world):
    mou = make_mou(world.partnership)
    before = mou.content_hash
    assert before == mou.compute_hash() and len(before) == 64
    mou.transparency = mou.transparency[:-1] + "!"
    assert mou.compute_hash() != before
    mou.save()
    assert Mou.objects.get(pk=mou.pk).content_hash != before


def test_the_hash_covers_the_decision_matrix(world):
    mou = make_mou(world.partnership)
    before = mou.content_hash
    mou.decision_matrix = [{**mou.decision_matrix[0], "decider": "local"}]
    assert mou.compute_hash() != before


def test_both_signatories_sign_and_the_mou_comes_into_force(
    client, world, django_capture_on_commit_callbacks
):
    mou = make_mou(world.partnership)
    client.force_login(world.local_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("mou_send", mou))
    assert response.status_code == 302
    mou.refresh_from_db()
    assert mou.status == Mou.Status.AWAITING_SIGNATURES
    # Only the two authorised signatories are asked, by email, each once.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.local_admin.email, world.international_admin.email]
    )
    assert mou.title in mail.outbox[0].subject
    assert url("mou_detail", mou) in mail.outbox[0].body

    for user, org in [
        (world.local_admin, world.local_org),
        (world.international_admin, world.international_org),
    ]:
        client.force_login(user)
        page = client.get(url("mou_sign", mou))
        assert page.status_code == 200
        response = client.post(
            url("mou_sign", mou),
            {
                "organisation": org.pk,
                "full_name": user.full_name,
                "title": "Director",
                "content_hash": mou.content_hash,
                "confirm": "on",
            },
        )
        assert response.status_code == 302
    mou.refresh_from_db()
    assert mou.status == Mou.Status.IN_FORCE and mou.in_force_at
    signatures = list(mou.signatures.all())
    assert {s.user for s in signatures} == {world.local_admin, world.international_admin}
    assert all(s.content_hash == mou.content_hash for s in signatures)


def test_a_non_signatory_cannot_sign(client, world):
    mou = make_mou(world.partnership, status="awaiting")
    for user in (world.local_staff, world.local_viewer):
        client.force_login(user)
        data = {
            "organisation": world.local_org.pk,
            "full_name": "Not Allowed",
            "title": "Staff",
            "content_hash": mou.content_hash,
            "confirm": "on",
        }
        assert client.get(url("mou_sign", mou)).status_code == 403
        assert client.post(url("mou_sign", mou), data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.mou_sign(
            mou_id=mou.pk,
            user=world.local_staff,
            organisation=world.local_org,
            full_name="X",
            title="Y",
            content_hash=mou.content_hash,
        )
    assert not MouSignature.objects.exists()


def test_a_signatory_cannot_sign_for_another_party(world):
    mou = make_mou(world.partnership, status="awaiting")
    with pytest.raises(PermissionDenied):
        services.mou_sign(
            mou_id=mou.pk,
            user=world.local_admin,
            organisation=world.international_org,
            full_name="X",
            title="Y",
            content_hash=mou.content_hash,
        )
    assert not MouSignature.objects.exists()


def test_a_signature_of_stale_content_is_refused(world):
    mou = make_mou(world.partnership, status="awaiting")
    with pytest.raises(ValidationError):
        services.mou_sign(
            mou_id=mou.pk,
            user=world.local_admin,
            organisation=world.local_org,
            full_name="X",
            title="Y",
            content_hash="0" * 64,
        )
    assert not MouSignature.objects.exists()


def test_an_outsider_gets_404_for_the_mou_page_and_the_pdf(client, world):
    mou = sign_all(make_mou(world.partnership, status="awaiting"), world)
    client.force_login(world.outsider)  # an authorised signatory, of another organisation
    assert client.get(url("mou_detail", mou)).status_code == 404
    assert client.get(url("mou_pdf", mou)).status_code == 404
    assert client.get(url("mou_sign", mou)).status_code == 404


def test_a_change_after_the_first_signature_starts_a_new_version(
    client, world, django_capture_on_commit_callbacks
):
    mou = make_mou(world.partnership, status="awaiting")
    services.mou_sign(
        mou_id=mou.pk,
        user=world.local_admin,
        organisation=world.local_org,
        full_name="A",
        title="B",
        content_hash=mou.content_hash,
    )
    client.force_login(world.international_admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("mou_edit", mou), form_data(mou, transparency="Everything is shared, always.")
        )
    assert response.status_code == 302
    mou.refresh_from_db()
    new = Mou.objects.get(partnership=world.partnership, version=mou.version + 1)
    assert mou.status == Mou.Status.SUPERSEDED
    assert mou.signatures.count() == 1  # the record of what was signed stays
    assert new.status == Mou.Status.AWAITING_SIGNATURES
    assert new.signatures.count() == 0
    assert new.transparency == "Everything is shared, always."
    assert new.content_hash != mou.content_hash
    assert {m.to[0] for m in mail.outbox} == {
        world.local_admin.email,
        world.international_admin.email,
    }


def test_an_unsigned_draft_is_edited_in_place(client, world):
    mou = make_mou(world.partnership)
    client.force_login(world.local_staff)
    client.post(url("mou_edit", mou), form_data(mou, title="Renamed"))
    mou.refresh_from_db()
    assert mou.title == "Renamed" and mou.version == 1
    assert Mou.objects.count() == 1


@pytest.fixture
def in_force(world):
    return sign_all(make_mou(world.partnership, status="awaiting"), world)


def test_an_mou_in_force_refuses_save(in_force):
    assert in_force.status == Mou.Status.IN_FORCE
    in_force.transparency = "Nothing is shared."
    with pytest.raises(MouLocked):
        in_force.save()
    fresh = Mou.objects.get(pk=in_force.pk)
    fresh.status = Mou.Status.DRAFT
    with pytest.raises(MouLocked):
        fresh.save()
    with pytest.raises(MouLocked):
        Mou.objects.filter(pk=in_force.pk).update(transparency="Nothing is shared.")
    with pytest.raises(MouLocked):
        Mou.objects.get(pk=in_force.pk).delete()
    with pytest.raises(MouLocked):
        Mou.objects.filter(pk=in_force.pk).delete()
    with pytest.raises(MouLocked):
        in_force.signatures.first().delete()
    assert Mou.objects.get(pk=in_force.pk).transparency == SECTION_TEXT["transparency"]


def test_an_mou_in_force_refuses_the_form_and_the_view(client, world, in_force):
    data = form_data(in_force, transparency="Nothing is shared.")
    form = MouForm(data, instance=in_force)
    assert not form.is_valid()
    client.force_login(world.local_admin)
    assert client.get(url("mou_edit", in_force)).status_code == 403
    assert client.post(url("mou_edit", in_force), data).status_code == 403
    assert Mou.objects.get(pk=in_force.pk).transparency == SECTION_TEXT["transparency"]


def test_an_mou_in_force_refuses_the_admin(client, world, in_force):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    change_url = reverse("admin:partnerships_mou_change", args=[in_force.pk])
    page = client.get(change_url)
    assert page.status_code == 200  # shown read-only
    assert b'name="transparency"' not in page.content
    response = client.post(
        change_url,
        {**form_data(in_force, transparency="Nothing."), "partnership": world.partnership.pk},
    )
    assert response.status_code == 403
    delete = client.post(
        reverse("admin:partnerships_mou_delete", args=[in_force.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Mou.objects.get(pk=in_force.pk).transparency == SECTION_TEXT["transparency"]


def test_a_new_version_supersedes_the_one_in_force_once_signed(world, in_force):
    draft = services.mou_new_version(mou_id=in_force.pk, user=world.local_admin)[0]
    assert draft.status == Mou.Status.DRAFT and draft.version == in_force.version + 1
    draft.transparency = "Everything, including salaries."
    draft.save()
    services.mou_send_for_signatures(mou_id=draft.pk)
    draft.refresh_from_db()
    sign_all(draft, world)
    in_force.refresh_from_db()
    draft.refresh_from_db()
    assert in_force.status == Mou.Status.SUPERSEDED
    assert draft.status == Mou.Status.IN_FORCE


def test_the_decision_matrix_is_frozen_by_an_mou_in_force(client, world, in_force):
    row = DecisionArea.objects.get(partnership=world.partnership)
    row.decider = DecisionArea.Decider.INTERNATIONAL
    with pytest.raises(ValidationError):
        row.save()
    client.force_login(world.local_admin)
    edit = reverse("partnerships:decisions_edit", args=[world.partnership.pk])
    assert client.post(edit, {"decider_strategy": "international"}).status_code == 403
    assert DecisionArea.objects.get(pk=row.pk).decider == DecisionArea.Decider.JOINT
    # Preparing a new version opens the matrix again, for that version only.
    services.mou_new_version(mou_id=in_force.pk, user=world.local_admin)[0]
    assert client.post(edit, {"decider_strategy": "international"}).status_code == 302
    assert DecisionArea.objects.get(pk=row.pk).decider == DecisionArea.Decider.INTERNATIONAL
    in_force.refresh_from_db()
    assert in_force.decision_matrix[0]["decider"] == "joint"
    draft = Mou.objects.get(partnership=world.partnership, status=Mou.Status.DRAFT)
    assert draft.decision_matrix[0]["decider"] == "international"


def test_changing_the_matrix_after_a_signature_starts_a_new_version(client, world):
    mou = make_mou(world.partnership, status="awaiting")
    services.mou_sign(
        mou_id=mou.pk,
        user=world.local_admin,
        organisation=world.local_org,
        full_name="A",
        title="B",
        content_hash=mou.content_hash,
    )
    client.force_login(world.local_staff)
    client.post(
        reverse("partnerships:decisions_edit", args=[world.partnership.pk]),
        {"decider_strategy": "local", "decider_hiring": "joint"},
    )
    mou.refresh_from_db()
    assert mou.status == Mou.Status.SUPERSEDED
    new = Mou.objects.get(partnership=world.partnership, status=Mou.Status.AWAITING_SIGNATURES)
    assert [r["area"] for r in new.decision_matrix] == ["strategy", "hiring"]
    assert not new.signatures.exists()


def test_a_second_signatory_of_the_same_party_cannot_sign_twice(world):
    mou = make_mou(world.partnership, status="awaiting")
    second = MembershipFactory(
        organisation=world.local_org, role=Membership.Role.ADMIN, is_signatory=True
    ).user
    services.mou_sign(
        mou_id=mou.pk,
        user=world.local_admin,
        organisation=world.local_org,
        full_name="A",
        title="B",
        content_hash=mou.content_hash,
    )
    with pytest.raises(ValidationError):
        services.mou_sign(
            mou_id=mou.pk,
            user=second,
            organisation=world.local_org,
            full_name="C",
            title="D",
            content_hash=mou.content_hash,
        )
    assert mou.signatures.count() == 1


@pytest.mark.worker
def test_a_real_worker_emails_the_signatories_after_commit(client, world, celery_worker):
    import time

    from config.celery import app as celery_app

    assert not celery_app.conf.task_always_eager
    mou = make_mou(world.partnership)
    client.force_login(world.local_staff)
    assert client.post(url("mou_send", mou)).status_code == 302
    deadline = time.monotonic() + 20
    while len(mail.outbox) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.local_admin.email, world.international_admin.email]
    )
    message = mail.outbox[0]
    assert message.alternatives and url("mou_detail", mou) in message.alternatives[0][0]
