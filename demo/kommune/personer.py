"""Demo Kommune's people: extra caseworkers, the mentor corps and the citizens."""

from __future__ import annotations

import random

from django.utils import timezone
from faker.providers.person.da_DK import Provider as NavneDK

from forloeb import services
from forloeb.models import Borger, Koen, Mentor, MentorType, OensketAlder, Specialisering
from organisation.models import Organisation, Rolle, Team, User

from .. import draw, plan, tekster
from .. import fordelinger as F
from .skala import Skala

UNGE_TEAM, VOKSEN_TEAM = "Team Ungeindsats", "Team Voksen"
KOMMUNE = "Demo Kommune"
# Free-text wishes (tekster.OENSKER) that name what the structured fields can hold.
KOEN_I_OENSKE = {"kvindelig": Koen.KVINDE, "mandlig": Koen.MAND}
ALDER_I_OENSKE = "egen alder"
KVINDENAVNE = set(NavneDK.first_names_female) - set(NavneDK.first_names_male)


def aldersbaand(alder: int) -> str:
    if alder < 35:
        return OensketAlder.UNDER_35
    return OensketAlder.FRA_35_TIL_50 if alder <= 50 else OensketAlder.OVER_50


# Faker's Danish names sometimes start with a title ("Prof. Nanni Andersen"); a mentor's
# name in a job centre does not.
TITLER = set(NavneDK.prefixes_male) | set(NavneDK.prefixes_female)


def uden_titel(navn: str) -> str:
    ord_ = navn.split()
    while len(ord_) > 2 and ord_[0] in TITLER:
        ord_ = ord_[1:]
    return " ".join(ord_)


def koen_af_navn(navn: str) -> str:
    """The gender Faker's name implies (it draws a female or a male first name)."""
    return Koen.KVINDE if any(d in KVINDENAVNE for d in navn.split()) else Koen.MAND


class Personer:
    def __init__(
        self, org: Organisation, skala: Skala, rng: random.Random, fake, oensker: random.Random
    ):
        self.org, self.skala, self.rng, self.fake = org, skala, rng, fake
        # Its own stream for the mentor's gender and age and the citizen's structured
        # wishes, added later: drawing them from `rng` would move every later draw.
        self.oensker_rng = oensker
        self.aar = timezone.localdate().year
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
            koen=Koen.MAND,
            foedselsaar=self.aar - 41,
        )
        self.mentorer[mentor.pk] = mentor
        return mentor

    def _korps(self) -> None:
        """The corps sized from the table for the scale's active courses."""
        rng, specs = self.rng, list(Specialisering.values)
        for mtype, antal in plan.korpsstoerrelse(plan.forventet_aktive(self.skala.aktive)).items():
            for i in range(antal):
                navn = uden_titel(self.fake.name())
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
                    koen=koen_af_navn(navn),
                    foedselsaar=self.aar - draw.between(self.oensker_rng, F.MENTOR_ALDER),
                )
                self.mentorer[mentor.pk] = mentor
                self.korps.tilfoej(plan.Plads(mentor.pk, mtype, mentor.kapacitet))
        # One internal mentor is deliberately overloaded (MENTOR_OVERBELASTET).
        self.korps.overbelastet = self.korps.efter_type[MentorType.INTERN][0]

    def borger(self, p: plan.Forloebsplan, venter: bool = False) -> Borger:
        """`venter`: the citizen of a course on the waiting list."""
        rng, fake = self.rng, self.fake
        born = draw.foedselsdato(rng, p.start, p.alder)
        visitation = plan.visitation(rng, p)
        first = fake.first_name_male() if p.mand else fake.first_name_female()
        # Drawn in the order the streams have always been drawn in.
        cpr_nummer = draw.cpr_nummer(rng, born, p.mand, self.cpr_brugt)
        navn = f"{first} {fake.last_name()}"
        ret_og_pligt = plan.ret_og_pligt(rng, p, visitation)
        problemomraader = draw.problemomraader(rng, p.under_30)
        oensker = rng.choice(tekster.OENSKER)
        return services.opret_borger(
            user=self.demo_sb,
            cpr_nummer=cpr_nummer,
            navn=navn,
            ydelsesgruppe=p.ydelse,
            visitation=visitation,
            ret_og_pligt=ret_og_pligt,
            problemomraader=problemomraader,
            oensker_til_mentor=oensker,
            telefon=fake.phone_number(),
            adresse=fake.street_address(),
            **self._oensker(oensker, p.alder, venter),
        )

    def _oensker(self, tekst: str, alder: int, venter: bool) -> dict[str, str]:
        """The structured wishes behind the free text, for some citizens."""
        rng = self.oensker_rng
        if rng.random() >= F.OENSKE_STRUKTURERET and not venter:
            return {}
        koen = next((k for ord_, k in KOEN_I_OENSKE.items() if ord_ in tekst), "")
        if koen:
            med_alder = rng.random() < F.OENSKE_OGSAA_ALDER
            return {"oensket_koen": koen, "oensket_alder": aldersbaand(alder) if med_alder else ""}
        if ALDER_I_OENSKE in tekst:
            return {"oensket_alder": aldersbaand(alder)}
        return {}

    def sagsbehandler(self, team: str) -> User:
        if team == UNGE_TEAM and self.rng.random() < self.skala.demo_sb_andel:
            return self.demo_sb
        return self.rng.choice(self.sb[team])
