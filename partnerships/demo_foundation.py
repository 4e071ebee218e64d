"""Demo content for the foundation's second pass: organisation profiles and a change log,
agreed actions from the first partnership's reflection, joint interventions, and an
invitation waiting for an answer."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from .models import (
    AgreedAction,
    JointIntervention,
    Membership,
    Organisation,
    PartnershipMember,
)
from .services import membership as membership_services
from .services import organisations as organisation_services

PROFILES = {
    "Sauti ya Jamii": (
        "Young people shape the county budgets that shape their lives.",
        "Budget tracking, youth mobilisation, community radio",
        "Kiswahili, Dholuo, English",
    ),
    "Association Femmes Solidaires du Sahel": (
        "Des groupes d'épargne de femmes qui résistent aux sécheresses.",
        "Épargne communautaire, plaidoyer local",
        "Bambara, Français",
    ),
    "Rede Comunitária da Beira": (
        "Alertas que chegam a tempo, na língua de quem os recebe.",
        "Alerta precoce, rádio comunitária",
        "Sena, Português",
    ),
    "Jusoor Youth Initiative": (
        "مساحات آمنة يلتقي فيها الشباب اللاجئون وشباب المجتمع المضيف.",
        "العمل الشبابي، الدعم النفسي الاجتماعي",
        "العربية، English",
    ),
    "Nordic Solidarity Alliance": (
        "Solidarity that follows the lead of local partners.",
        "Fundraising, institutional donors, safeguarding",
        "English, Danish",
    ),
}


def _logo(colour: tuple[int, int, int]) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (96, 96), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="logo.png")


def _admin(organisation):
    return (
        Membership.objects.filter(organisation=organisation, role="admin")
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )


def _profiles():
    for name, (mission, expertise, languages) in PROFILES.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            continue
        values = {"mission": mission, "expertise": expertise, "languages": languages}
        if name == "Sauti ya Jamii":
            values["logo"] = _logo((13, 110, 253))
        organisation_services.organisation_update(
            organisation=organisation, actor=_admin(organisation), **values
        )
    sauti = Organisation.objects.filter(name="Sauti ya Jamii").first()
    if sauti:
        otieno = Membership.objects.filter(organisation=sauti, role="staff").first()
        if otieno:
            # Recorded on the organisation page: Amina named Otieno a signatory.
            organisation_services.membership_update(
                membership_id=otieno.pk,
                organisation=sauti,
                actor=_admin(sauti),
                role="staff",
                is_signatory=True,
                is_safeguarding_focal_point=False,
            )


def _actions(partnership):
    round_ = partnership.reflection_rounds.first()
    members = {m.role: m.organisation for m in partnership.members.select_related("organisation")}
    local = members.get(PartnershipMember.Role.LOCAL_PARTNER)
    international = members.get(PartnershipMember.Role.INTERNATIONAL_PARTNER)
    if not (round_ and local and international):
        return
    today = timezone.localdate()
    plan = [
        (
            "The local partner chairs the steering committee",
            local,
            today - datetime.timedelta(days=40),
            AgreedAction.Status.DONE,
        ),
        (
            "Budget the local partner's core costs in the next proposal",
            international,
            today - datetime.timedelta(days=10),
            AgreedAction.Status.OPEN,
        ),
        (
            "The local partner presents results at the donor meeting",
            local,
            today + datetime.timedelta(days=45),
            AgreedAction.Status.OPEN,
        ),
    ]
    for title, organisation, due, status in plan:
        AgreedAction.objects.create(
            partnership=partnership,
            title=title,
            source=AgreedAction.Source.REFLECTION,
            reflection_round=round_,
            owner_organisation=organisation,
            owner=_admin(organisation),
            due_date=due,
            status=status,
            closed_at=timezone.now() if status != AgreedAction.Status.OPEN else None,
        )


def _interventions(partnership, title, needs, groups):
    start = partnership.start_date or timezone.localdate()
    JointIntervention.objects.create(
        partnership=partnership,
        title=title,
        start_date=start,
        local_needs=needs,
        target_groups=groups,
        status=JointIntervention.Status.ONGOING,
    )


def seed(partnerships):
    if len(partnerships) < 3:
        return
    first, _second, third = partnerships[:3]
    _profiles()
    _actions(first)
    _interventions(
        first,
        "Youth budget hearings in Kisumu county",
        "Young people are left out of county budget hearings.",
        "Young people aged 18–30 in Kisumu",
    )
    _interventions(
        third,
        "Early warning by community radio",
        "Cyclone warnings arrive late and only in Portuguese.",
        "Fishing communities around Beira",
    )
    puentes = Organisation.objects.filter(name="Fundación Puentes Globales").first()
    if puentes and not first.members.filter(organisation=puentes).exists():
        local = first.members.get(role=PartnershipMember.Role.LOCAL_PARTNER).organisation
        membership_services.partnership_invite(
            partnership=first,
            organisation=puentes,
            role=PartnershipMember.Role.DONOR,
            actor=_admin(local),
        )
