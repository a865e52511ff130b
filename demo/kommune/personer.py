"""Demo Kommune's people: extra caseworkers, the mentor corps and the citizens."""

from __future__ import annotations

import random

from forloeb import services
from forloeb.models import Borger, Mentor, MentorType, Specialisering
from organisation.models import Organisation, Rolle, Team, User

from .. import draw, plan, tekster
from .. import fordelinger as F
from .skala import Skala

UNGE_TEAM, VOKSEN_TEAM = "Team Ungeindsats", "Team Voksen"
KOMMUNE = "Demo Kommune"


class Personer:
    def __init__(self, org: Organisation, skala: Skala, rng: random.Random, fake):
        self.org, self.skala, self.rng, self.fake = org, skala, rng, fake
        self.cpr_brugt: set[str] = set()
        self.teams = {
            navn: Team.objects.get_or_create(organisation=org, navn=navn)[0]
            for navn in (UNGE_TEAM, VOKSEN_TEAM)
        }
        self.demo_sb = User.objects.get(username="sagsbehandler")
        if not self.demo_sb.teams.filter(pk=self.teams[UNGE_TEAM].pk).exists():
            self.demo_sb.teams.add(self.teams[UNGE_TEAM])
        self.sb = {navn: self._sagsbehandlere(navn, team) for navn, team in self.teams.items()}
        self.koordinator = User.objects.get(username="koordinator")
        self.mentorer: dict[int, Mentor] = {}
        self.korps = plan.Korps(rng)
        self.demo_mentor = self._demo_mentor()
        self._korps()

    def _sagsbehandlere(self, navn: str, team: Team) -> list[User]:
        brugere = []
        slug = "unge" if navn == UNGE_TEAM else "voksen"
        for i in range(self.skala.sagsbehandlere_pr_team):
            user, created = User.objects.get_or_create(
                username=f"sb-{slug}-{i + 1:02d}",
                defaults={
                    "first_name": self.fake.first_name(),
                    "last_name": self.fake.last_name(),
                    "organisation": self.org,
                    "roller": [Rolle.SAGSBEHANDLER],
                },
            )
            if created:
                user.set_unusable_password()
                user.email = f"{user.username}@demo.invalid"
                user.save()
                user.teams.set([team])
            brugere.append(user)
        return brugere

    def _demo_mentor(self) -> Mentor:
        login = User.objects.get(username="mentor")
        mentor = Mentor.objects.filter(bruger=login).first() or services.opret_mentor(
            user=self.koordinator,
            navn=login.get_full_name() or "Mads Mentor",
            type=MentorType.INTERN,
            arbejdsgiver=tekster.ARBEJDSGIVERE[MentorType.INTERN][0].format(kommune=KOMMUNE),
            telefon="40 10 20 30",
            email="mentor@demo.invalid",
            uddannelse="Pædagog",
            mentoruddannelse_timer=60,
            specialiseringer=[Specialisering.UNGE, Specialisering.ADHD_AUTISME],
            kapacitet=F.MENTORTYPER[MentorType.INTERN].kapacitet,
            bruger=login,
        )
        self.mentorer[mentor.pk] = mentor
        return mentor

    def _korps(self) -> None:
        """The corps sized from the table for the scale's active courses."""
        rng, specs = self.rng, list(Specialisering.values)
        for mtype, antal in plan.korpsstoerrelse(plan.forventet_aktive(self.skala.aktive)).items():
            for i in range(antal):
                navn = self.fake.name()
                email = self.fake.free_email()
                login = None
                if mtype in (MentorType.INTERN, MentorType.EKSTERN):
                    login = User(
                        username=f"mentor-{i + 1:03d}-{mtype}",
                        first_name=navn.split()[0],
                        last_name=navn.split()[-1],
                        organisation=self.org,
                        roller=[Rolle.MENTOR],
                        email=email,
                    )
                    login.set_unusable_password()
                    login.save()
                mentor = services.opret_mentor(
                    user=self.koordinator,
                    navn=navn,
                    type=mtype,
                    arbejdsgiver=rng.choice(tekster.ARBEJDSGIVERE[mtype]).format(kommune=KOMMUNE),
                    telefon=self.fake.phone_number(),
                    email=email,
                    uddannelse=rng.choice(tekster.UDDANNELSER),
                    mentoruddannelse_timer=rng.choice(F.MENTORUDDANNELSE_TIMER),
                    specialiseringer=rng.sample(specs, draw.between(rng, F.SPECIALISERINGER_ANTAL)),
                    kapacitet=plan.kapacitet(rng, mtype),
                    bruger=login,
                )
                self.mentorer[mentor.pk] = mentor
                self.korps.tilfoej(plan.Plads(mentor.pk, mtype, mentor.kapacitet))
        # One internal mentor is deliberately overloaded (MENTOR_OVERBELASTET).
        self.korps.overbelastet = self.korps.efter_type[MentorType.INTERN][0]

    def borger(self, p: plan.Forloebsplan) -> Borger:
        rng = self.rng
        born = draw.foedselsdato(rng, p.start, p.alder)
        visitation = plan.visitation(rng, p)
        first = self.fake.first_name_male() if p.mand else self.fake.first_name_female()
        return services.opret_borger(
            user=self.demo_sb,
            cpr_nummer=draw.cpr_nummer(rng, born, p.mand, self.cpr_brugt),
            navn=f"{first} {self.fake.last_name()}",
            ydelsesgruppe=p.ydelse,
            visitation=visitation,
            ret_og_pligt=plan.ret_og_pligt(rng, p, visitation),
            problemomraader=draw.problemomraader(rng, p.under_30),
            oensker_til_mentor=rng.choice(tekster.OENSKER),
            telefon=self.fake.phone_number(),
            adresse=self.fake.street_address(),
        )

    def sagsbehandler(self, team: str) -> User:
        if team == UNGE_TEAM and self.rng.random() < self.skala.demo_sb_andel:
            return self.demo_sb
        return self.rng.choice(self.sb[team])
