"""Demo organisation, teams and one user per role (idempotent)."""

from django.conf import settings
from django.db import transaction

from organisation.models import Organisation, Rolle, Team, User

DEMO_USERS = {
    # username: (first name, last name, roles, team names)
    "sagsbehandler": ("Sara", "Sagsbehandler", [Rolle.SAGSBEHANDLER], ["Team Ungeindsats"]),
    "mentor": ("Mads", "Mentor", [Rolle.MENTOR], ["Team Ungeindsats"]),
    "koordinator": (
        "Karin",
        "Koordinator",
        [Rolle.MENTORKOORDINATOR],
        ["Team Ungeindsats", "Team Voksen"],
    ),
    "teamleder": ("Tom", "Teamleder", [Rolle.TEAMLEDER], ["Team Ungeindsats", "Team Voksen"]),
    "oekonomi": ("Ole", "Økonomi", [Rolle.OEKONOMI], []),
    "admin": ("Anna", "Administrator", [Rolle.ADMINISTRATOR], []),
}


@transaction.atomic
def seed_organisation(password: str | None = None) -> Organisation:
    password = password or settings.DEMO_PASSWORD
    org, _ = Organisation.objects.get_or_create(
        navn="Demo Kommune",
        defaults={
            "kommunekode": "999",
            "jobcenter": "Jobcenter Demo",
            "adresse": "Rådhuspladsen 1\n9999 Demoby",
        },
    )
    teams = {
        navn: Team.objects.get_or_create(organisation=org, navn=navn)[0]
        for navn in ("Team Ungeindsats", "Team Voksen")
    }
    for username, (first, last, roller, team_names) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "organisation": org,
                "roller": roller,
                "email": f"{username}@demo.invalid",
            },
        )
        if created:
            user.set_password(password)
            if Rolle.ADMINISTRATOR in roller:
                user.is_staff = user.is_superuser = True
            user.save()
            user.teams.set([teams[n] for n in team_names])
        if Rolle.TEAMLEDER in roller:
            for navn in team_names:
                teams[navn].ledere.add(user)
    return org
