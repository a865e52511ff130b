"""The national scale's organisations, teams, users and mentor corps, as COPY rows."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection

from forloeb.models import Mentor, MentorType, Specialisering
from organisation.models import Organisation, Team, User

from .. import draw, plan, tekster
from .. import fordelinger as F
from .bulk import ts
from .kommuner import (
    AAR,
    FORLOEB,
    FORLOEB_PR_SAGSBEHANDLER,
    FORLOEB_PR_TEAM,
    KOMMUNER,
    ORGANISATIONER,
)
from .kontekst import Kontekst


@dataclass
class Org:
    id: int
    slug: str
    navn: str
    n_forloeb: int
    eksterne: bool  # uses external providers (§8: 13 of 18)
    teams: list = field(default_factory=list)  # (team id, [caseworker user ids])
    korps: plan.Korps | None = None
    mentorer: dict = field(default_factory=dict)  # mentor id -> row fields


def tabeller(ctx: Kontekst) -> None:
    ctx.tabel("org", Organisation, ["id", "navn", "kommunekode"])
    ctx.tabel("team", Team, ["id", "navn", "organisation_id"])
    ctx.tabel(
        "user",
        User,
        [
            "id", "password", "username", "first_name", "last_name", "email",
            "is_superuser", "is_staff", "is_active", "date_joined", "roller",
            "organisation_id",
        ],
    )  # fmt: skip
    ctx.tabel("user_teams", User.teams.through, ["id", "user_id", "team_id"])
    ctx.tabel("ledere", Team.ledere.through, ["id", "team_id", "user_id"])
    ctx.tabel(
        "mentor",
        Mentor,
        [
            "id", "organisation_id", "navn", "type", "arbejdsgiver", "telefon", "email",
            "uddannelse", "mentoruddannelse_timer", "specialiseringer", "kapacitet",
            "aktiv", "bruger_id",
        ],
    )  # fmt: skip


def _max_id(model) -> int:
    with connection.cursor() as c:
        c.execute(f"SELECT COALESCE(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
        return c.fetchone()[0]


class Brugere:
    """Users with the demo password, and their team memberships."""

    def __init__(self, ctx: Kontekst):
        self.ctx = ctx
        self.password = make_password(settings.DEMO_PASSWORD)
        self.joined = ts(ctx.today - timedelta(days=365 * AAR + 30))
        self.ut_id = _max_id(User.teams.through) + 1
        self.led_id = _max_id(Team.ledere.through) + 1

    def __call__(self, org: Org, username, roller, first, last, teams=(), leder=()) -> int:
        ctx = self.ctx
        uid = ctx.ids(User)
        ctx["user"].add(
            uid, self.password, f"{org.slug}-{username}", first, last,
            f"{org.slug}-{username}@demo.invalid", False, False, True, self.joined, roller,
            org.id,
        )  # fmt: skip
        for t in teams:
            ctx["user_teams"].add(self.ut_id, uid, t)
            self.ut_id += 1
        for t in leder:
            ctx["ledere"].add(self.led_id, t, uid)
            self.led_id += 1
        return uid


def organisationer(ctx: Kontekst, fraction: float, brugere: Brugere) -> list[Org]:
    """The municipalities (a fraction keeps the largest and a spread of smaller ones),
    each with teams, caseworkers, team leaders, a coordinator and an administrator."""
    rng, fake = ctx.rng, ctx.fake
    n_orgs = min(ORGANISATIONER, max(2, math.ceil(ORGANISATIONER * fraction * 10)))
    names = list(KOMMUNER)
    if n_orgs < ORGANISATIONER:
        names = sorted(names, key=lambda n: -KOMMUNER[n])
        step = len(names) / n_orgs
        names = [names[int(i * step)] for i in range(n_orgs)]
    total_w = sum(KOMMUNER[n] for n in names)
    n_forloeb = max(n_orgs * 10, round(FORLOEB * fraction))
    orgs = []
    for i, navn in enumerate(names):
        org = Org(
            id=ctx.ids(Organisation),
            slug=f"k{i + 1:02d}",
            navn=navn,
            n_forloeb=max(10, round(n_forloeb * KOMMUNER[navn] / total_w)),
            eksterne=rng.random() < F.EKSTERNE_LEVERANDOERER or i == 0,
        )
        ctx["org"].add(org.id, f"{navn} Kommune", "")
        n_teams = max(2, round(org.n_forloeb / FORLOEB_PR_TEAM))
        for t in range(n_teams):
            team_id = ctx.ids(Team)
            ctx["team"].add(team_id, f"Team {t + 1}", org.id)
            org.teams.append((team_id, []))
        per_team = max(2, round(org.n_forloeb / n_teams / FORLOEB_PR_SAGSBEHANDLER))
        for t, (team_id, sbs) in enumerate(org.teams):
            for s in range(per_team):
                sbs.append(
                    brugere(org, f"sb{t + 1}-{s + 1}", ["sagsbehandler"], fake.first_name(),
                            fake.last_name(), teams=[team_id])
                )  # fmt: skip
        # A leader for every two teams.
        for t in range(0, n_teams, 2):
            led = [tid for tid, _s in org.teams[t : t + 2]]
            brugere(org, f"leder{t // 2 + 1}", ["teamleder"], "Tina", "Teamleder", teams=led,
                    leder=led)  # fmt: skip
        brugere(org, "koordinator", ["mentorkoordinator"], "Karin", "Koordinator",
                teams=[t for t, _s in org.teams])  # fmt: skip
        brugere(org, "admin", ["administrator"], "Anna", "Administrator")
        orgs.append(org)
    ctx.counts["organisationer"] = n_orgs
    return orgs


def korps(ctx: Kontekst, org: Org, aktive: dict[str, float], brugere: Brugere) -> plan.Korps:
    """The organisation's mentors, sized from the table for its active courses, each with
    a login. Their rows are written by `skriv_mentorer` once it is known who left."""
    rng, fake = ctx.rng, ctx.fake
    specs = list(Specialisering.values)
    org.korps = plan.Korps(rng)
    nr = 0
    for mtype, antal in plan.korpsstoerrelse(aktive).items():
        for _i in range(antal):
            nr += 1
            first, last = fake.first_name(), fake.last_name()
            mid = ctx.ids(Mentor)
            bruger = brugere(org, f"mentor{nr}", ["mentor"], first, last)
            kapacitet = plan.kapacitet(rng, mtype)
            org.korps.tilfoej(plan.Plads(mid, mtype, kapacitet, bruger=bruger))
            org.mentorer[mid] = dict(
                navn=f"{first} {last}",
                arbejdsgiver=rng.choice(tekster.ARBEJDSGIVERE[mtype]).format(kommune=org.navn),
                telefon=f"2{rng.randrange(10**7):07d}",
                email=f"{org.slug}-mentor{nr}@demo.invalid",
                uddannelse=rng.choice(tekster.UDDANNELSER),
                timer=rng.choice(F.MENTORUDDANNELSE_TIMER),
                specialiseringer=sorted(
                    rng.sample(specs, draw.between(rng, F.SPECIALISERINGER_ANTAL))
                ),
            )
    org.korps.overbelastet = org.korps.efter_type[MentorType.INTERN][0]
    return org.korps


def skriv_mentorer(ctx: Kontekst, org: Org) -> None:
    org.korps.udtraedende()
    for mid, m in org.mentorer.items():
        plads = org.korps.alle[mid]
        ctx["mentor"].add(
            mid, org.id, m["navn"], plads.type, m["arbejdsgiver"], m["telefon"], m["email"],
            m["uddannelse"], m["timer"], m["specialiseringer"], plads.kapacitet, plads.aktiv,
            plads.bruger,
        )  # fmt: skip
