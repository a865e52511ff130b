"""Demo courses for a living municipality, following PRODUCT.md §8.

`seed(organisation, scale=..., seed=..., stdout=...)` is idempotent (an organisation that
already has courses is left alone) and deterministic (random.Random(seed), Faker seeded).
Citizens, courses, mentor assignments, grant periods, agreements, changes of hours, ends
and outcomes go through forloeb.services, so every legal rule holds; plain child rows
(meetings, work points, ratings, status reports, follow-ups) are bulk-created for speed.
Quotas (largest remainder) rather than independent draws keep the shares close to §8
even at small scale. Some courses are deliberately incomplete so compliance finds gaps.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from organisation.models import Organisation, Rolle, Team, User

from . import services
from .models import (
    Afslutningsaarsag,
    Arbejdspunkt,
    Arbejdspunktstatus,
    Emne,
    Forloeb,
    Formaal,
    Leveret,
    Lovgrundlag,
    Mentor,
    MentorType,
    Moede,
    Moedetype,
    Opfoelgning,
    Progressionsvurdering,
    Resultattype,
    Specialisering,
    Statusrapport,
    Stoettetype,
    Udleveringsmaade,
    Visitation,
    Vurderer,
    Ydelsesgruppe,
)

# --- §8 distributions ------------------------------------------------------------------

YDELSE = {
    Ydelsesgruppe.KONTANTHJAELP: 69,
    Ydelsesgruppe.SYGEDAGPENGE: 10,
    Ydelsesgruppe.SELVFORSOERGENDE: 5,
    Ydelsesgruppe.REVALIDERING: 3,
    Ydelsesgruppe.LEDIGHEDSYDELSE: 3,
    Ydelsesgruppe.FLEKSJOB: 3,
    Ydelsesgruppe.DAGPENGE: 3,
    Ydelsesgruppe.SU: 2,
    Ydelsesgruppe.RESSOURCEFORLOEB: 1,
}
UNDER_30 = 0.46
# Granted hours per week: bucket share and the values drawn inside the bucket.
TIMER = [
    (23, ["0.5", "1", "1"]),
    (30, ["1.5", "2", "2"]),
    (16, ["2.5", "3"]),
    (6, ["3.5", "4"]),
    (15, ["4.5", "5"]),
    (6, ["6", "7.5", "10"]),
    (3, ["12", "15"]),
]
# Duration in days: bucket share and (min, max) days.
VARIGHED = [
    (14, (10, 30)),
    (13, (31, 60)),
    (17, (61, 90)),
    (17, (91, 120)),
    (12, (121, 180)),
    (13, (181, 210)),
    (9, (211, 360)),
    (7, (361, 540)),
]
MENTORTYPE_FORLOEB = {
    MentorType.INTERN: 62,
    MentorType.EKSTERN: 15,
    MentorType.VIRKSOMHED: 8,
    MentorType.BOSTOETTE: 7,
    MentorType.UDDANNELSESINSTITUTION: 5,
    MentorType.FRIVILLIG: 3,
}


@dataclass(frozen=True)
class Skala:
    forloeb: int
    andel_aktive: float
    aar: float
    kladder: int
    mentorer: dict  # type -> (antal, kapacitet)
    sagsbehandlere_pr_team: int
    demo_sb_andel: float
    demo_mentor_tidligere: int


SKALAER = {
    "small": Skala(
        forloeb=40,
        andel_aktive=0.6,
        aar=1.5,
        kladder=4,
        mentorer={
            MentorType.INTERN: (4, 15),
            MentorType.EKSTERN: (1, 8),
            MentorType.VIRKSOMHED: (1, 2),
            MentorType.BOSTOETTE: (1, 6),
        },
        sagsbehandlere_pr_team=1,
        demo_sb_andel=0.8,
        demo_mentor_tidligere=3,
    ),
    "kommune": Skala(
        forloeb=3000,
        andel_aktive=0.16,
        aar=3,
        kladder=40,
        mentorer={
            MentorType.INTERN: (27, 15),
            MentorType.EKSTERN: (40, 8),
            MentorType.VIRKSOMHED: (70, 2),
            MentorType.BOSTOETTE: (30, 6),
            MentorType.UDDANNELSESINSTITUTION: (18, 3),
            MentorType.FRIVILLIG: (14, 2),
        },
        sagsbehandlere_pr_team=12,
        demo_sb_andel=0.08,
        demo_mentor_tidligere=15,
    ),
}

UNGE_TEAM, VOKSEN_TEAM = "Team Ungeindsats", "Team Voksen"

MAAL = {
    Formaal.UDDANNELSE: [
        "Borgeren starter på en erhvervsuddannelse efter sommerferien.",
        "Borgeren gennemfører første semester på HF med højst 10 % fravær.",
        "Borgeren afklarer uddannelsesvalg og søger optagelse inden 1. marts.",
    ],
    Formaal.ORDINAER_ANSAETTELSE: [
        "Borgeren får et ordinært job på mindst 15 timer om ugen.",
        "Borgeren fastholder sit nye job i lageret ud over prøvetiden.",
    ],
    Formaal.FLEKSJOB: ["Borgeren finder og fastholder et fleksjob på 12 timer om ugen."],
    Formaal.TILBUD: [
        "Borgeren gennemfører virksomhedspraktikken med stabilt fremmøde.",
        "Borgeren deltager i det aftalte afklaringsforløb fire dage om ugen.",
    ],
    Formaal.AKTIVITETER: [
        "Borgeren deltager stabilt i den aftalte aktivitet og møder til samtaler.",
        "Borgeren får struktur i hverdagen og overholder sine aftaler med jobcentret.",
    ],
}
OPGAVER = [
    "Ugentlige samtaler om struktur i hverdagen; ledsage til aftaler efter behov.",
    "Hjælpe med at møde til tiden, støtte i kontakten med praktikstedet.",
    "Støtte i økonomi og post, hjælpe med at planlægge ugen.",
    "Følge op med uddannelsesstedet og hjælpe med lektier og fremmøde.",
    "Motiverende samtaler, hjælp til at bruge offentlig transport alene.",
]
ARBEJDSPUNKTER = [
    "Møder til tiden 4 af 5 dage",
    "Åbner og læser sin digitale post hver uge",
    "Laver en ugeplan hver søndag",
    "Tager bussen alene til praktikken",
    "Ringer selv afbud ved sygdom",
    "Søger to relevante job om ugen",
    "Har styr på budgettet for måneden",
    "Deltager i holdundervisningen hver dag",
]
RAPPORTER = [
    "Borgeren møder mere stabilt op. Vi arbejder videre med ugeplanen.",
    "Svær periode med meget fravær; vi har aftalt tættere kontakt de næste uger.",
    "God fremgang. Borgeren tager nu selv initiativ til at ringe afbud.",
    "Borgeren er motiveret, men har brug for hjælp til post og økonomi.",
    "Stabilt forløb; praktikstedet er tilfreds med fremmødet.",
]
OENSKER = [
    "",
    "",
    "Gerne en kvindelig mentor.",
    "Gerne en mandlig mentor.",
    "Ønsker en mentor tæt på egen alder.",
    "Ønsker møder uden for hjemmet.",
]
SKIFTEGRUNDE = [
    "Mentoren er gået på barsel.",
    "Borgeren ønskede en anden mentor.",
    "Mentoren har fået andet arbejde.",
    "Bedre match på specialisering.",
]
AARSAGER = {
    Afslutningsaarsag.MAAL_NAAET: 25,
    Afslutningsaarsag.AKTIVT_TILBUD: 15,
    Afslutningsaarsag.JOB: 12,
    Afslutningsaarsag.UDDANNELSE: 13,
    Afslutningsaarsag.IKKE_BEHOV: 10,
    Afslutningsaarsag.BORGER_OENSKE: 8,
    Afslutningsaarsag.MANGLENDE_FREMMOEDE: 9,
    Afslutningsaarsag.FLYTTET: 4,
    Afslutningsaarsag.ANDET: 4,
}
RESULTAT = {
    Resultattype.ORDINAERT_JOB: 15,
    Resultattype.STOETTET_JOB: 10,
    Resultattype.UDDANNELSE: 20,
    Resultattype.PAA_YDELSE: 50,
    Resultattype.ANDET: 5,
}
PROBLEMOMRAADER = {
    Emne.STRUKTUR: 20,
    Emne.MOEDESTABILITET: 16,
    Emne.OEKONOMI: 12,
    Emne.UDDANNELSE: 10,
    Emne.ARBEJDE: 9,
    Emne.FAMILIE: 7,
    Emne.HELBRED: 8,
    Emne.MISBRUG: 6,
    Emne.BOLIG: 5,
    Emne.TRANSPORT: 4,
    Emne.AFTALER: 3,
}
ARBEJDSGIVERE = {
    MentorType.INTERN: ["Jobcenter Demo Kommune"],
    MentorType.EKSTERN: ["Mentorhuset ApS", "Social Indsats A/S", "Vejen Videre ApS"],
    MentorType.VIRKSOMHED: ["Netto", "Danish Crown", "Lokal Byg A/S", "Plejecenter Solgården"],
    MentorType.BOSTOETTE: ["Bostøtten, Demo Kommune"],
    MentorType.UDDANNELSESINSTITUTION: ["Demo Erhvervsskole", "VUC Demo", "Demo Produktionsskole"],
    MentorType.FRIVILLIG: ["Røde Kors", "Frivilligcenter Demo"],
}


def _quota(rng: random.Random, n: int, weights: dict) -> list:
    """n items whose shares follow the weights as closely as whole numbers allow."""
    total = sum(weights.values())
    exact = {k: n * w / total for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    rest = sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)
    for k in rest[: n - sum(counts.values())]:
        counts[k] += 1
    items = [k for k, c in counts.items() for _ in range(c)]
    rng.shuffle(items)
    return items


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _aware(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(9, 0)))


# --- Plan ------------------------------------------------------------------------------


@dataclass
class Plan:
    alder: int
    ydelse: str
    timer: Decimal
    varighed: int
    mentortype: str
    aktiv: bool
    start: date = None
    team: str = ""
    mentor: Mentor | None = None
    perioder: list = field(default_factory=list)


class _Demo:
    def __init__(self, org: Organisation, skala: Skala, seed: int, stdout):
        from faker import Faker

        self.org, self.skala, self.stdout = org, skala, stdout
        self.rng = random.Random(seed)
        self.fake = Faker("da_DK")
        self.fake.seed_instance(seed)
        self.today = timezone.localdate()
        self.cpr_brugt: set[str] = set()
        self.belastning: dict[int, int] = {}
        self.moeder, self.punkter, self.rapporter, self.opfoelgninger = [], [], [], []
        self.vurderinger = []  # (arbejdspunkt index, Progressionsvurdering kwargs)
        self.oprettet: list[Forloeb] = []  # backdated creation times, saved in bulk

    # --- people -------------------------------------------------------------------------

    def brugere(self):
        self.teams = {
            navn: Team.objects.get_or_create(organisation=self.org, navn=navn)[0]
            for navn in (UNGE_TEAM, VOKSEN_TEAM)
        }
        self.demo_sb = User.objects.get(username="sagsbehandler")
        self.sb = {UNGE_TEAM: [], VOKSEN_TEAM: []}
        for navn, team in self.teams.items():
            for i in range(self.skala.sagsbehandlere_pr_team):
                user, created = User.objects.get_or_create(
                    username=f"sb-{'unge' if navn == UNGE_TEAM else 'voksen'}-{i + 1:02d}",
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
                self.sb[navn].append(user)
        if not self.demo_sb.teams.filter(pk=self.teams[UNGE_TEAM].pk).exists():
            self.demo_sb.teams.add(self.teams[UNGE_TEAM])

    def mentorer(self):
        demo_user = User.objects.get(username="mentor")
        self.demo_mentor = Mentor.objects.filter(bruger=demo_user).first() or Mentor.objects.create(
            organisation=self.org,
            navn=demo_user.get_full_name() or "Mads Mentor",
            type=MentorType.INTERN,
            arbejdsgiver=ARBEJDSGIVERE[MentorType.INTERN][0],
            telefon="40 10 20 30",
            email="mentor@demo.invalid",
            uddannelse="Pædagog",
            mentoruddannelse_timer=60,
            specialiseringer=[Specialisering.UNGE, Specialisering.ADHD_AUTISME],
            kapacitet=15,
            bruger=demo_user,
        )
        self.pulje: dict[str, list[Mentor]] = {t: [] for t in MentorType.values}
        specs = list(Specialisering.values)
        for mtype, (antal, kapacitet) in self.skala.mentorer.items():
            for _i in range(antal):
                mentor = Mentor(
                    organisation=self.org,
                    navn=self.fake.name(),
                    type=mtype,
                    arbejdsgiver=self.rng.choice(ARBEJDSGIVERE[mtype]),
                    telefon=self.fake.phone_number(),
                    email=self.fake.free_email(),
                    uddannelse=self.rng.choice(
                        ["Socialrådgiver", "Pædagog", "Lærer", "Sygeplejerske", "Faglært"]
                    ),
                    mentoruddannelse_timer=self.rng.choice([0, 15, 30, 60, 120]),
                    specialiseringer=sorted(self.rng.sample(specs, self.rng.randint(0, 3))),
                    kapacitet=kapacitet
                    + (self.rng.choice([-3, 0, 0, 3, 5]) if kapacitet > 10 else 0),
                )
                if mtype in (MentorType.INTERN, MentorType.EKSTERN):
                    user = User(
                        username=f"mentor-{len(self.pulje[mtype]) + 1:03d}-{mtype}",
                        first_name=mentor.navn.split()[0],
                        last_name=mentor.navn.split()[-1],
                        organisation=self.org,
                        roller=[Rolle.MENTOR],
                        email=mentor.email,
                    )
                    user.set_unusable_password()
                    user.save()
                    mentor.bruger = user
                mentor.save()
                self.pulje[mtype].append(mentor)
        # One internal mentor is deliberately overloaded (MENTOR_OVERBELASTET).
        self.overbelastet = self.pulje[MentorType.INTERN][0]
        for mentor in [self.demo_mentor] + [m for p in self.pulje.values() for m in p]:
            self.belastning[mentor.pk] = 0

    def _cpr(self, born: date, mand: bool) -> str:
        while True:
            seventh = self.rng.choice([4, 9]) if born.year >= 2000 else self.rng.randint(0, 3)
            last = self.rng.randrange(1, 10, 2) if mand else self.rng.randrange(0, 10, 2)
            digits = f"{born:%d%m%y}{seventh}{self.rng.randint(0, 99):02d}{last}"
            if digits not in self.cpr_brugt:
                self.cpr_brugt.add(digits)
                return digits

    def borger(self, plan: Plan, mand: bool):
        under_30 = plan.alder < 30
        born = (
            plan.start - relativedelta(years=plan.alder) - timedelta(days=self.rng.randint(0, 364))
        )
        visitation = (
            Visitation.UDDANNELSESPARAT
            if under_30 and plan.ydelse == Ydelsesgruppe.KONTANTHJAELP
            else Visitation.AKTIVITETSPARAT
            if plan.ydelse == Ydelsesgruppe.KONTANTHJAELP
            else self.rng.choice([Visitation.JOBPARAT, Visitation.IKKE_KATEGORISERET])
        )
        areas = set()
        for _i in range(self.rng.randint(1, 3)):
            areas.add(_weighted(self.rng, PROBLEMOMRAADER))
        if under_30 and self.rng.random() < 0.5:
            areas.add(Emne.UDDANNELSE)
        first = self.fake.first_name_male() if mand else self.fake.first_name_female()
        return services.opret_borger(
            user=self.demo_sb,
            cpr_nummer=self._cpr(born, mand),
            navn=f"{first} {self.fake.last_name()}",
            ydelsesgruppe=plan.ydelse,
            visitation=visitation,
            ret_og_pligt=visitation != Visitation.JOBPARAT
            and plan.ydelse == Ydelsesgruppe.KONTANTHJAELP
            and self.rng.random() < 0.1,
            problemomraader=sorted(areas),
            oensker_til_mentor=self.rng.choice(OENSKER),
            telefon=self.fake.phone_number(),
            adresse=self.fake.street_address(),
        )

    # --- plan ---------------------------------------------------------------------------

    def planer(self) -> list[Plan]:
        n = self.skala.forloeb
        rng = self.rng
        ydelser = _quota(rng, n, YDELSE)
        unge = _quota(rng, n, {True: UNDER_30, False: 1 - UNDER_30})
        timer_buckets = _quota(rng, n, {i: w for i, (w, _v) in enumerate(TIMER)})
        varighed_buckets = _quota(rng, n, {i: w for i, (w, _v) in enumerate(VARIGHED)})
        typer = _quota(rng, n, MENTORTYPE_FORLOEB)
        aktive = _quota(rng, n, {True: self.skala.andel_aktive, False: 1 - self.skala.andel_aktive})
        span = int(self.skala.aar * 365)
        plans = []
        for i in range(n):
            # Under 30: 18-29 (mean ~23.5); 30+: triangular with mean ~43, overall mean ~34.
            alder = rng.randint(18, 29) if unge[i] else int(rng.triangular(30, 64, 35))
            lo, hi = VARIGHED[varighed_buckets[i]][1]
            varighed = rng.randint(lo, hi)
            plan = Plan(
                alder=alder,
                ydelse=ydelser[i],
                timer=Decimal(rng.choice(TIMER[timer_buckets[i]][1])),
                varighed=varighed,
                mentortype=typer[i],
                aktiv=aktive[i],
            )
            if plan.aktiv:
                plan.start = self.today - timedelta(days=rng.randint(0, varighed - 1))
            else:
                slut = self.today - timedelta(days=rng.randint(1, max(2, span - varighed)))
                plan.start = slut - timedelta(days=varighed)
            plan.team = UNGE_TEAM if alder < 30 else VOKSEN_TEAM
            plans.append(plan)
        return plans

    def vaelg_mentor(self, plan: Plan, undtagen: Mentor | None = None) -> Mentor:
        if (
            plan.team == UNGE_TEAM
            and (plan.mentortype == MentorType.INTERN or self.skala.forloeb < 100)
            and undtagen is None
        ):
            if plan.aktiv and self.belastning[self.demo_mentor.pk] < 8:
                return self.demo_mentor
            if not plan.aktiv and self.demo_tidligere < self.skala.demo_mentor_tidligere:
                self.demo_tidligere += 1
                return self.demo_mentor
        fallback = [MentorType.INTERN, MentorType.EKSTERN, MentorType.BOSTOETTE]
        for mtype in [plan.mentortype, *fallback]:
            frie = [
                m
                for m in self.pulje[mtype]
                if m != undtagen
                and (
                    self.belastning[m.pk] < m.kapacitet
                    or (m == self.overbelastet and self.belastning[m.pk] < m.kapacitet + 2)
                )
            ]
            if frie:
                return self.rng.choice(frie)
        return self.overbelastet

    # --- one course ---------------------------------------------------------------------

    def forloeb(self, plan: Plan, borger=None):
        rng, today = self.rng, self.today
        if borger is None:
            borger = self.borger(plan, mand=rng.random() < 0.5)
        team = self.teams[plan.team]
        sb = (
            self.demo_sb
            if plan.team == UNGE_TEAM and rng.random() < self.skala.demo_sb_andel
            else rng.choice(self.sb[plan.team])
        )
        mentor = self.vaelg_mentor(plan)
        formaal = (
            rng.choice(
                [Formaal.UDDANNELSE, Formaal.UDDANNELSE, Formaal.TILBUD, Formaal.AKTIVITETER]
            )
            if plan.alder < 30
            else _weighted(
                rng,
                {
                    Formaal.AKTIVITETER: 30,
                    Formaal.TILBUD: 30,
                    Formaal.ORDINAER_ANSAETTELSE: 25,
                    Formaal.FLEKSJOB: 15,
                },
            )
        )
        lovgrundlag, udskrivning = Lovgrundlag.GENEREL, None
        if borger.ret_og_pligt:
            lovgrundlag = Lovgrundlag.RET_OG_PLIGT
        elif rng.random() < 0.03:
            lovgrundlag = Lovgrundlag.PSYKIATRI
            udskrivning = plan.start + timedelta(days=rng.randint(0, 60))
        elif plan.alder < 30 and formaal == Formaal.UDDANNELSE and rng.random() < 0.15:
            lovgrundlag = Lovgrundlag.UDDANNELSESSTART
        forloeb = services.opret_forloeb(
            user=sb,
            borger=borger,
            team=team,
            formaal=formaal,
            maal=rng.choice(MAAL[formaal]),
            opgaver=rng.choice(OPGAVER),
            stoettetype=_weighted(
                rng,
                {
                    Stoettetype.BARRIERER: 60,
                    Stoettetype.FASTHOLDELSE: 30,
                    Stoettetype.INTRODUKTION: 10,
                },
            ),
            lovgrundlag=lovgrundlag,
            udskrivningsdato=udskrivning,
            ud_over_normalt=(
                "Virksomheden/skolen stiller en fast kontaktperson med afsat tid ud over den "
                "almindelige oplæring."
                if mentor.type in services.SKAL_GAA_UD_OVER_NORMALT
                else ""
            ),
        )
        self._tildel(sb, forloeb, mentor, plan.start)
        slut = plan.start + timedelta(days=plan.varighed)
        # Grant periods until the course's end (ended) or until today is covered (active).
        perioder, start = [], plan.start
        while True:
            laengde = rng.choice([3, 6, 6])
            p_slut = min(
                start + relativedelta(months=laengde) - timedelta(days=1),
                services.seneste_slutdato(start),
            )
            perioder.append((start, p_slut))
            if p_slut >= slut or p_slut >= today:
                break
            start = p_slut + timedelta(days=1)
        if plan.aktiv and len(perioder) > 1 and rng.random() < 0.08:
            perioder.pop()  # PERIODE_OVERSKREDET: running after its last period ended
        skift = None
        if plan.varighed > 60 and rng.random() < 0.1:
            skift = plan.start + timedelta(days=int(plan.varighed * rng.uniform(0.3, 0.7)))
            if skift >= today:
                skift = None
        mentorer = [(plan.start, mentor)]
        for nr, (p_start, p_slut) in enumerate(perioder):
            if skift and p_start > skift and len(mentorer) == 1:
                mentorer.append((skift, self._skift(sb, forloeb, plan, mentor, skift)))
            bevilling = services.bevilg_periode(
                user=sb,
                forloeb=forloeb,
                start=p_start,
                slut=p_slut,
                timer_pr_uge=plan.timer,
                kvalifikationer=(
                    f"{forloeb.mentor.navn} har erfaring med målgruppen og "
                    f"{forloeb.mentor.mentoruddannelse_timer} timers mentoruddannelse."
                ),
                vurdering=""
                if nr == 0
                else "Konkret vurdering: borgeren er i god udvikling, men har fortsat brug "
                "for støtte for at nå målet.",
                besluttet=min(today, p_start - timedelta(days=rng.randint(1, 10))),
            )
            udlevering = p_start + timedelta(days=rng.randint(0, 10))
            mangler = plan.aktiv and nr == len(perioder) - 1 and rng.random() < 0.07
            if udlevering <= today and not mangler:
                services.udlever_aftale(
                    user=sb,
                    aftale=bevilling.aftale,
                    dato=udlevering,
                    maade=_weighted(
                        rng,
                        {
                            Udleveringsmaade.PERSONLIGT: 50,
                            Udleveringsmaade.DIGITAL_POST: 40,
                            Udleveringsmaade.BREV: 10,
                        },
                    ),
                )
            if rng.random() < 0.05:
                fra = p_start + timedelta(days=(p_slut - p_start).days // 2)
                if fra <= today:
                    services.aendr_timer(
                        user=sb,
                        bevilling=bevilling,
                        gaelder_fra=fra,
                        timer_pr_uge=plan.timer + 1,
                        begrundelse="Borgeren har brug for mere støtte i opstarten af praktik.",
                    )
        if skift and len(mentorer) == 1:
            mentorer.append((skift, self._skift(sb, forloeb, plan, mentor, skift)))
        til = min(slut, today) if not plan.aktiv else today
        self._boern(forloeb, plan, sb, mentorer, til)
        if not plan.aktiv:
            aarsag = _weighted(rng, AARSAGER)
            services.afslut_forloeb(
                user=sb,
                forloeb=forloeb,
                dato=slut,
                aarsag=aarsag,
                borger_vurdering=rng.randint(1, 5),
                mentor_vurdering=rng.randint(2, 5),
                exitplan="Borgeren fortsætter i det aftalte tilbud; opfølgning hos sagsbehandler.",
            )
            self.belastning[forloeb.mentor_id] -= 1
            forloeb.refresh_from_db()
            for maaned in (3, 6, 12):
                if slut + relativedelta(months=maaned) <= today and rng.random() < 0.85:
                    services.registrer_resultat(
                        user=sb, forloeb=forloeb, maaned=maaned, resultat=_weighted(rng, RESULTAT)
                    )
        self.oprettet.append(
            Forloeb(pk=forloeb.pk, oprettet=_aware(plan.start - timedelta(days=rng.randint(5, 30))))
        )
        return forloeb

    def _tildel(self, sb, forloeb, mentor, fra):
        over = self.belastning[mentor.pk] >= mentor.kapacitet or not mentor.aktiv
        services.tildel_mentor(
            user=sb,
            forloeb=forloeb,
            mentor=mentor,
            fra=fra,
            tilsidesaet_begrundelse="Særligt godt match; aftalt med mentorkoordinatoren."
            if over
            else "",
        )
        self.belastning[mentor.pk] += 1

    def _skift(self, sb, forloeb, plan, gammel, fra) -> Mentor:
        ny = self.vaelg_mentor(plan, undtagen=gammel)
        over = self.belastning[ny.pk] >= ny.kapacitet
        services.tildel_mentor(
            user=sb,
            forloeb=forloeb,
            mentor=ny,
            fra=fra,
            begrundelse=self.rng.choice(SKIFTEGRUNDE),
            tilsidesaet_begrundelse="Akut skift; aftalt med mentorkoordinatoren." if over else "",
        )
        self.belastning[gammel.pk] -= 1
        self.belastning[ny.pk] += 1
        return ny

    def _boern(self, forloeb, plan, sb, mentorer, til: date):
        """Meetings, work points with ratings, status reports and follow-ups (bulk rows)."""
        rng, start = self.rng, plan.start

        def mentor_paa(dato):
            return [m for fra, m in mentorer if fra <= dato][-1]

        r = rng.random()
        opstart = None
        if r < 0.85:
            opstart = start + timedelta(days=rng.randint(0, 27))
        elif r < 0.92:
            opstart = start + timedelta(days=rng.randint(29, 50))
        if opstart and opstart <= til:
            self.moeder.append(
                Moede(
                    forloeb=forloeb,
                    type=Moedetype.OPSTART,
                    dato=opstart,
                    deltagere=["borger", "mentor", "sagsbehandler"],
                    referat="Forventninger afstemt; arbejdspunkter aftalt.",
                    oprettet_af=sb,
                )
            )
        dato = start + timedelta(days=91)
        while dato <= til:
            self.moeder.append(
                Moede(
                    forloeb=forloeb,
                    type=Moedetype.OPFOELGNING,
                    dato=dato,
                    deltagere=["borger", "mentor", "sagsbehandler"],
                    referat="Status på arbejdspunkterne gennemgået.",
                    oprettet_af=sb,
                )
            )
            dato += timedelta(days=91)
        if not plan.aktiv and rng.random() < 0.7:
            self.moeder.append(
                Moede(
                    forloeb=forloeb,
                    type=Moedetype.AFSLUTNING,
                    dato=til,
                    deltagere=["borger", "mentor", "sagsbehandler"],
                    referat="Forløbet afsluttet; exitplan aftalt.",
                    oprettet_af=sb,
                )
            )
        # Status reports about every 6 weeks; some courses stop reporting (a gap to find).
        stop = til - timedelta(weeks=rng.randint(8, 14)) if rng.random() < 0.15 else til
        rapportdatoer = []
        dato = start + timedelta(days=rng.randint(35, 49))
        while dato <= stop:
            rapportdatoer.append(dato)
            self.rapporter.append(
                Statusrapport(
                    forloeb=forloeb, mentor=mentor_paa(dato), dato=dato, tekst=rng.choice(RAPPORTER)
                )
            )
            dato += timedelta(days=rng.randint(38, 48))
        # Work points agreed at the start meeting, rated by both voices at each report.
        if opstart and opstart <= til:
            for titel in rng.sample(ARBEJDSPUNKTER, rng.randint(1, 3)):
                status = Arbejdspunktstatus.AKTIV
                if not plan.aktiv:
                    status = rng.choice(
                        [
                            Arbejdspunktstatus.OPNAAET,
                            Arbejdspunktstatus.OPNAAET,
                            Arbejdspunktstatus.OPGIVET,
                        ]
                    )
                self.punkter.append(Arbejdspunkt(forloeb=forloeb, titel=titel, status=status))
                index = len(self.punkter) - 1
                niveau = rng.randint(1, 2)
                for dato in rapportdatoer:
                    niveau = min(5, niveau + rng.choice([0, 0, 1]))
                    mentor = mentor_paa(dato)
                    registrant = mentor.bruger or sb
                    # Mentors judge progress more kindly than citizens (SFI: 81 % vs 37 %).
                    self.vurderinger.append(
                        (
                            index,
                            dict(
                                dato=dato,
                                vurderet_af=Vurderer.MENTOR,
                                score=min(5, niveau + rng.choice([0, 1])),
                                registreret_af=registrant,
                            ),
                        )
                    )
                    if rng.random() < 0.85:
                        self.vurderinger.append(
                            (
                                index,
                                dict(
                                    dato=dato,
                                    vurderet_af=Vurderer.BORGER,
                                    score=max(1, niveau - rng.choice([0, 0, 1])),
                                    registreret_af=registrant,
                                ),
                            )
                        )
        # Caseworker follow-up on delivery about every 8 weeks; a third never follow up.
        if rng.random() >= 0.3:
            dato = start + timedelta(days=rng.randint(50, 60))
            while dato <= til:
                leveret = _weighted(rng, {Leveret.JA: 75, Leveret.DELVIST: 18, Leveret.NEJ: 7})
                self.opfoelgninger.append(
                    Opfoelgning(
                        forloeb=forloeb,
                        dato=dato,
                        leveret=leveret,
                        kontakt_som_bevilget=leveret == Leveret.JA,
                        note=""
                        if leveret == Leveret.JA
                        else "Færre kontakter end bevilget; aftalt med mentor at øge kontakten.",
                        naeste_dato=dato + timedelta(weeks=8),
                        udfoert_af=sb,
                    )
                )
                dato += timedelta(days=rng.randint(49, 60))

    def gem_boern(self):
        bulk_create_with_history(self.moeder, Moede, batch_size=1000)
        bulk_create_with_history(self.rapporter, Statusrapport, batch_size=1000)
        bulk_create_with_history(self.opfoelgninger, Opfoelgning, batch_size=1000)
        punkter = Arbejdspunkt.objects.bulk_create(self.punkter, batch_size=1000)
        Arbejdspunkt.history.bulk_history_create(punkter)
        Progressionsvurdering.objects.bulk_create(
            [Progressionsvurdering(arbejdspunkt=punkter[i], **kw) for i, kw in self.vurderinger],
            batch_size=2000,
        )
        # bulk_update bypasses auto_now_add, so the course looks created before its start.
        Forloeb.objects.bulk_update(self.oprettet, ["oprettet"], batch_size=500)
        self.moeder, self.punkter, self.rapporter, self.opfoelgninger = [], [], [], []
        self.vurderinger, self.oprettet = [], []

    def kladder(self):
        """Courses waiting for a mentor (the coordinator's waiting list)."""
        for _i in range(self.skala.kladder):
            alder = (
                self.rng.randint(18, 29)
                if self.rng.random() < UNDER_30
                else self.rng.randint(30, 60)
            )
            plan = Plan(
                alder=alder,
                ydelse=_weighted(self.rng, YDELSE),
                timer=Decimal("2"),
                varighed=0,
                mentortype="",
                aktiv=False,
                start=self.today,
                team=UNGE_TEAM if alder < 30 else VOKSEN_TEAM,
            )
            borger = self.borger(plan, mand=self.rng.random() < 0.5)
            sb = self.demo_sb if plan.team == UNGE_TEAM else self.rng.choice(self.sb[VOKSEN_TEAM])
            formaal = Formaal.UDDANNELSE if alder < 30 else Formaal.AKTIVITETER
            forloeb = services.opret_forloeb(
                user=sb,
                borger=borger,
                team=self.teams[plan.team],
                formaal=formaal,
                maal=self.rng.choice(MAAL[formaal]),
                opgaver=self.rng.choice(OPGAVER) if self.rng.random() < 0.7 else "",
            )
            self.oprettet.append(
                Forloeb(
                    pk=forloeb.pk,
                    oprettet=_aware(self.today - timedelta(days=self.rng.randint(1, 45))),
                )
            )

    def run(self):
        self.brugere()
        self.mentorer()
        self.demo_tidligere = 0
        plans = self.planer()
        genbrug = []  # citizens whose course ended: about a quarter return later
        plans.sort(key=lambda p: p.start)
        for i, plan in enumerate(plans, 1):
            borger = None
            kandidater = [
                b
                for b, slut, alder in genbrug
                if slut < plan.start - timedelta(days=30) and (alder < 30) == (plan.alder < 30)
            ]
            if kandidater and self.rng.random() < 0.15:
                borger = self.rng.choice(kandidater)
                genbrug = [g for g in genbrug if g[0] != borger]
            forloeb = self.forloeb(plan, borger)
            if not plan.aktiv:
                genbrug.append(
                    (forloeb.borger, plan.start + timedelta(days=plan.varighed), plan.alder)
                )
            if i % 500 == 0:
                self.gem_boern()
                self.stdout.write(f"  {i} forløb oprettet …\n")
        self.gem_boern()
        self.kladder()
        self.gem_boern()


def seed(organisation: Organisation, *, scale: str = "small", seed: int = 2019, stdout=None):
    """Create demo courses for the organisation unless it already has some."""
    if Forloeb.objects.filter(organisation=organisation).exists():
        if stdout:
            stdout.write("Forløb findes allerede; demo-forløb springes over.\n")
        return
    skala = SKALAER[scale]

    class _Quiet:
        def write(self, *_a, **_k):
            pass

    out = stdout or _Quiet()
    with transaction.atomic():
        _Demo(organisation, skala, seed, out).run()
    out.write(
        f"Demo-forløb oprettet: {Forloeb.objects.filter(organisation=organisation).count()}.\n"
    )
