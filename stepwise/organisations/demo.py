"""A realistic, wholly fictional demo: names, places and organisations are invented."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepwise.accounts.models import User
from stepwise.core.policy import Role
from stepwise.core.tenancy import tenant_context
from stepwise.organisations.models import Membership, Organisation, Team

DEMO_PASSWORD = "learning-together"
# A fixed key so the demo admin's codes can be shown by `stepwise democode`. Demo only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DOMAIN = "wellbridge.example"

ORGANISATIONS = {
    "wellbridge": ("Wellbridge Children's Services", [
        "Front Door and MASH", "Assessment North", "Child Protection South",
        "Children in Care", "Care Leavers",
    ]),
    "wellbridge-partnership": ("Wellbridge Safeguarding Partnership", [
        "Police Safeguarding Unit", "Health Visiting", "Schools Safeguarding Leads",
    ]),
}

P, M, L, A, ADMIN = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.IMPROVEMENT_LEAD,
                     Role.PERFORMANCE_ANALYST, Role.ORG_ADMIN)

# (email local part, full name, {org slug: (role, team or None)})
PEOPLE = [
    ("admin", "Morgan Ellery", {"wellbridge": (ADMIN, None),
                                "wellbridge-partnership": (ADMIN, None)}),
    ("lead", "Priya Raman", {"wellbridge": (L, None), "wellbridge-partnership": (L, None)}),
    ("analyst", "Tomasz Wójcik", {"wellbridge": (A, None)}),
    ("manager", "Grace Adeyemi", {"wellbridge": (M, "Assessment North")}),
    ("practitioner", "Sam Okonjo", {"wellbridge": (P, "Assessment North")}),
    ("h.whitlock", "Hannah Whitlock", {"wellbridge": (M, "Front Door and MASH")}),
    ("d.mensah", "Daniel Mensah", {"wellbridge": (M, "Child Protection South")}),
    ("r.kaur", "Rupinder Kaur", {"wellbridge": (M, "Children in Care")}),
    ("c.doherty", "Ciara Doherty", {"wellbridge": (M, "Care Leavers")}),
    ("a.hussain", "Amir Hussain", {"wellbridge": (P, "Front Door and MASH")}),
    ("l.baker", "Lucy Baker", {"wellbridge": (P, "Front Door and MASH")}),
    ("f.nowak", "Filip Nowak", {"wellbridge": (P, "Front Door and MASH")}),
    ("j.campbell", "Jade Campbell", {"wellbridge": (P, "Front Door and MASH")}),
    ("o.adebayo", "Olu Adebayo", {"wellbridge": (P, "Assessment North")}),
    ("e.murphy", "Erin Murphy", {"wellbridge": (P, "Assessment North")}),
    ("k.ahmed", "Khadija Ahmed", {"wellbridge": (P, "Assessment North")}),
    ("b.thompson", "Ben Thompson", {"wellbridge": (P, "Assessment North")}),
    ("m.popescu", "Mihai Popescu", {"wellbridge": (P, "Child Protection South")}),
    ("s.begum", "Shanaz Begum", {"wellbridge": (P, "Child Protection South")}),
    ("t.clarke", "Tom Clarke", {"wellbridge": (P, "Child Protection South")}),
    ("n.osei", "Nana Osei", {"wellbridge": (P, "Child Protection South")}),
    ("z.ali", "Zara Ali", {"wellbridge": (P, "Children in Care")}),
    ("p.evans", "Poppy Evans", {"wellbridge": (P, "Children in Care")}),
    ("l.chen", "Li Chen", {"wellbridge": (P, "Children in Care")}),
    ("m.farah", "Mohamed Farah", {"wellbridge": (P, "Care Leavers")}),
    ("g.walsh", "Gemma Walsh", {"wellbridge": (P, "Care Leavers")}),
    ("i.kowalska", "Iwona Kowalska", {"wellbridge": (P, "Care Leavers")}),
    ("pc.davies", "Rhys Davies", {"wellbridge-partnership": (P, "Police Safeguarding Unit")}),
    ("hv.okafor", "Ngozi Okafor", {"wellbridge-partnership": (M, "Health Visiting"),
                                   "wellbridge": (P, "Front Door and MASH")}),
    ("dsl.harper", "Alice Harper", {"wellbridge-partnership": (P, "Schools Safeguarding Leads")}),
]


def email_for(local: str) -> str:
    return f"{local}@{DOMAIN}"


@transaction.atomic
def load(stdout) -> None:
    organisations = {}
    teams: dict[tuple[str, str], Team] = {}
    for slug, (name, team_names) in ORGANISATIONS.items():
        organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
        organisations[slug] = organisation
        with tenant_context(organisation):
            for team_name in team_names:
                team, _ = Team.objects.get_or_create(organisation=organisation, name=team_name)
                teams[(slug, team_name)] = team
    for local, full_name, roles in PEOPLE:
        user = User.objects.filter(email=email_for(local)).first()
        if user is None:
            user = User.objects.create_user(email_for(local), DEMO_PASSWORD, full_name=full_name)
        for slug, (role, team_name) in roles.items():
            organisation = organisations[slug]
            with tenant_context(organisation):
                Membership.objects.get_or_create(
                    organisation=organisation, user=user,
                    defaults={"role": role,
                              "team": teams[(slug, team_name)] if team_name else None},
                )
    admin = User.objects.get(email=email_for("admin"))
    TOTPDevice.objects.get_or_create(
        user=admin, confirmed=True,
        defaults={"name": "Demo authenticator", "key": DEMO_TOTP_KEY},
    )
    stdout.write(f"Demo organisations: {', '.join(o.name for o in organisations.values())}; "
                 f"{len(PEOPLE)} people.")
