"""Demo organisation, teams and one user per role (idempotent)."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q

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


# What the demo administrator may do in the admin: configuration, logs, no case records.
ADMIN_RETTIGHEDER = {
    "organisation": {
        "organisation": "view change",
        "team": "view add change",
        "user": "view add change",
        "rolleaendring": "view",
        "apitoken": "view delete",
    },
    "core": {"adgangslog": "view"},
    "forloeb": {"mentor": "view", "leverandoer": "view"},
    "compliance": {"regelindstillinger": "view change", "ugesnapshot": "view"},
    "oekonomi": {"kontrakt": "view", "interntimesats": "view", "afregning": "view"},
    "sso": {"identitetsudbyder": "view add change", "ssoidentitet": "view"},
    "drift": {"mail": "view change", "outboxmessage": "view"},
    "axes": {"accessattempt": "view delete", "accesslog": "view", "accessfailurelog": "view"},
    "django_celery_beat": {"periodictask": "view change", "crontabschedule": "view"},
}


def admin_rettigheder() -> list[Permission]:
    koder = Q(pk__in=[])
    for app, modeller in ADMIN_RETTIGHEDER.items():
        for model, handlinger in modeller.items():
            koder |= Q(
                content_type__app_label=app,
                codename__in=[f"{h}_{model}" for h in handlinger.split()],
            )
    return list(Permission.objects.filter(koder))


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
                user.is_staff = True  # never a superuser: the admin site is configuration
            user.save()
            if Rolle.ADMINISTRATOR in roller:
                user.user_permissions.set(admin_rettigheder())
            user.teams.set([teams[n] for n in team_names])
        if Rolle.TEAMLEDER in roller:
            for navn in team_names:
                teams[navn].ledere.add(user)
    return org
