import datetime
import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.models import Membership, Organisation, Partnership, PartnershipMember, User

DEMO_PASSWORD = "demo-partners-2026"
# budgets before capacity: capacity actions point at the budget's capacity line.
DIMENSION_APPS = ["partnerships", "budgets", "capacity", "feedback", "visibility", "health"]

ORGANISATIONS = [
    # name, country, kind, local?
    ("Sauti ya Jamii", "KE", Organisation.Kind.LOCAL_CSO, True),
    ("Association Femmes Solidaires du Sahel", "ML", Organisation.Kind.COMMUNITY_BASED, True),
    ("Rede Comunitária da Beira", "MZ", Organisation.Kind.NATIONAL_CSO, True),
    ("Jusoor Youth Initiative", "JO", Organisation.Kind.LOCAL_CSO, True),
    ("Nordic Solidarity Alliance", "DK", Organisation.Kind.INTERNATIONAL_CSO, False),
    ("Fundación Puentes Globales", "ES", Organisation.Kind.INTERNATIONAL_CSO, False),
]

# What each organisation says about itself, and where it receives post (printed on the MoU).
PROFILES = {
    "Sauti ya Jamii": (
        "Youth-led organisation working on budget transparency in Kisumu County.",
        "Oginga Odinga Street 14\nP.O. Box 1203-40100\nKisumu, Kenya",
    ),
    "Association Femmes Solidaires du Sahel": (
        "Association de femmes qui soutient les groupes d'épargne de la région de Mopti.",
        "Rue 412, porte 27\nSévaré, Mopti, Mali",
    ),
    "Rede Comunitária da Beira": (
        "Rede de comités comunitários de gestão do risco na Beira.",
        "Avenida Eduardo Mondlane 1530\nBeira, Moçambique",
    ),
    "Jusoor Youth Initiative": (
        "مبادرة شبابية توفر مساحات آمنة للشباب في إربد.",
        "شارع الجامعة 22\nإربد، الأردن",
    ),
    "Nordic Solidarity Alliance": (
        "International NGO funding and accompanying local partners.",
        "Nørrebrogade 66\n2200 Copenhagen N, Denmark",
    ),
    "Fundación Puentes Globales": (
        "Fundación que acompaña a socios locales en la gestión de riesgos.",
        "Calle de Atocha 45\n28012 Madrid, España",
    ),
}
# Where each person works from: times are shown in their own zone.
TIMEZONES = {
    "amina@sautiyajamii.example": "Africa/Nairobi",
    "otieno@sautiyajamii.example": "Africa/Nairobi",
    "fatoumata@femmes-sahel.example": "Africa/Bamako",
    "celia@rede-beira.example": "Africa/Maputo",
    "layla@jusoor.example": "Asia/Amman",
    "lars@nordic-solidarity.example": "Europe/Copenhagen",
    "mette@nordic-solidarity.example": "Europe/Copenhagen",
    "viewer@nordic-solidarity.example": "Europe/Copenhagen",
    "lucia@puentes.example": "Europe/Madrid",
}

# (email, full name, organisation index, role, signatory, focal point, language)
USERS = [
    ("amina@sautiyajamii.example", "Amina Wanjiru", 0, "admin", True, True, "en"),
    ("otieno@sautiyajamii.example", "Otieno Kamau", 0, "staff", False, False, "en"),
    ("fatoumata@femmes-sahel.example", "Fatoumata Diarra", 1, "admin", True, False, "fr"),
    ("celia@rede-beira.example", "Célia Machava", 2, "admin", True, True, "pt"),
    ("layla@jusoor.example", "Layla Haddad", 3, "admin", True, False, "ar"),
    ("lars@nordic-solidarity.example", "Lars Nielsen", 4, "admin", True, False, "en"),
    ("mette@nordic-solidarity.example", "Mette Holm", 4, "staff", False, True, "en"),
    ("viewer@nordic-solidarity.example", "Jonas Berg", 4, "viewer", False, False, "en"),
    ("lucia@puentes.example", "Lucía Romero", 5, "admin", True, False, "es"),
]

# (title, status, local org index, international org index, start, needs)
PARTNERSHIPS = [
    (
        "Youth voices in county budgeting",
        Partnership.Status.ACTIVE,
        0,
        4,
        (2025, 1, 1),
        "Young people in Kisumu are left out of county budget hearings.",
    ),
    (
        "Women's savings groups after the drought",
        Partnership.Status.NEGOTIATING,
        1,
        4,
        (2026, 3, 1),
        "Women-led savings groups lost their capital in the 2025 drought.",
    ),
    (
        "Community early warning for cyclones",
        Partnership.Status.ACTIVE,
        2,
        5,
        (2024, 6, 1),
        "Fishing communities get cyclone warnings too late and only in Portuguese.",
    ),
    (
        "Safe spaces for refugee youth",
        Partnership.Status.EXPLORING,
        3,
        5,
        None,
        "Refugee and host-community youth in Irbid lack safe places to meet.",
    ),
    (
        "Open budgets coalition",
        Partnership.Status.CLOSED,
        0,
        5,
        (2022, 1, 1),
        "Citizens cannot see how local development funds are spent.",
    ),
]


class Command(BaseCommand):
    help = "Create demo organisations, users and partnerships (once; skipped if they exist)."

    @transaction.atomic
    def handle(self, *args, **options):
        if Organisation.objects.filter(name=ORGANISATIONS[0][0]).exists():
            self.stdout.write("Demo data already present.")
            self._print_logins()
            return
        orgs = [
            Organisation.objects.create(
                name=name,
                country=country,
                kind=kind,
                is_local_actor=local,
                description=PROFILES[name][0],
                address=PROFILES[name][1],
            )
            for name, country, kind, local in ORGANISATIONS
        ]
        for email, name, org, role, signatory, focal, language in USERS:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                language=language,
                timezone=TIMEZONES.get(email, "UTC"),
            )
            Membership.objects.create(
                user=user,
                organisation=orgs[org],
                role=role,
                is_signatory=signatory,
                is_safeguarding_focal_point=focal,
            )
        for title, status, local, international, start, needs in PARTNERSHIPS:
            start_date = datetime.date(*start) if start else None
            partnership = Partnership.objects.create(
                title=title,
                status=status,
                local_needs=needs,
                start_date=start_date,
                end_date=start_date.replace(year=start_date.year + 3) if start_date else None,
                context="Demo partnership: the context the partners describe together.",
                co_creation_notes="Developed in joint workshops led by the local partner.",
            )
            PartnershipMember.objects.create(
                partnership=partnership,
                organisation=orgs[local],
                role=PartnershipMember.Role.LOCAL_PARTNER,
            )
            PartnershipMember.objects.create(
                partnership=partnership,
                organisation=orgs[international],
                role=PartnershipMember.Role.INTERNATIONAL_PARTNER,
            )
        partnerships = list(Partnership.objects.order_by("pk"))
        for app in DIMENSION_APPS:
            # Each app seeds its own demo content in <app>/demo.py, if it has one.
            try:
                demo = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            demo.seed(partnerships)
        if not User.objects.filter(email="admin@example.org").exists():
            User.objects.create_superuser(
                email="admin@example.org", password=DEMO_PASSWORD, full_name="Site admin"
            )
        self.stdout.write(self.style.SUCCESS("Demo data created."))
        self._print_logins()

    def _print_logins(self):
        self.stdout.write(f"Log in with any of these (password: {DEMO_PASSWORD}):")
        for email, _name, org, role, *_ in USERS:
            self.stdout.write(f"  {email:<36} {role:<7} {ORGANISATIONS[org][0]}")
        self.stdout.write(f"  {'admin@example.org':<36} site admin (/admin/)")
