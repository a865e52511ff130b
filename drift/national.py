"""National-size demo data: `manage.py seed_demo --scale national [--fraction F]`.

98 organisations, ~100,000 courses over five years (~20,000 active), ~5,000 mentors and
~2 million week registrations with their contacts, meetings, follow-ups, status reports,
agreements, ends and outcomes, shaped by PRODUCT.md §8. Everything is planned in Python
with one seeded random.Random and written with PostgreSQL COPY (psycopg 3) in a single
transaction, with ids assigned up front so parent and child rows are written table by
table. Shares use quotas (largest remainder), so they hold at any fraction.

The legal rules hold by construction and are enforced by the database where it can:
periods of at most 6 months that never overlap, one registration per course and week,
one mentor at a time, the registering mentor is that week's mentor. A deliberate minority
of courses has gaps (missing purpose, agreement not handed out, no start meeting, weeks
without contact or registration, no follow-up) so the compliance scan has work to do.
No history rows are written: this is seeded state, not recorded changes.

When the database role is a superuser, foreign-key triggers are switched off for the load
(session_replication_role = replica) and every foreign key is then checked once,
set-based, before commit; otherwise they are checked row by row as usual.
"""

from __future__ import annotations

import bisect
import io
import math
import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from forloeb import cpr
from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
    Timeaendring,
)
from organisation.models import Organisation, Team, User
from tidsregistrering.models import Kontakt, Ugeregistrering

# --- Targets at fraction 1 --------------------------------------------------------------

ORGANISATIONER = 98
FORLOEB = 100_000
MENTORER = 5_000
AAR = 5
# Yearly growth of course starts: with 100,000 courses over five years this gives about
# 20,000 active courses today (the national ~36,000 starts a year, and rising).
VAEKST = 0.5

# The 98 Danish municipalities (navn -> rough population in thousands, for sizes).
KOMMUNER = {
    "København": 650, "Frederiksberg": 105, "Ballerup": 49, "Brøndby": 36, "Dragør": 14,
    "Gentofte": 75, "Gladsaxe": 70, "Glostrup": 24, "Herlev": 30, "Albertslund": 28,
    "Hvidovre": 54, "Høje-Taastrup": 52, "Lyngby-Taarbæk": 56, "Rødovre": 41, "Ishøj": 24,
    "Tårnby": 44, "Vallensbæk": 17, "Furesø": 41, "Allerød": 26, "Fredensborg": 41,
    "Helsingør": 63, "Hillerød": 52, "Hørsholm": 25, "Rudersdal": 57, "Egedal": 44,
    "Frederikssund": 46, "Greve": 51, "Køge": 62, "Halsnæs": 31, "Roskilde": 90,
    "Solrød": 24, "Gribskov": 41, "Odsherred": 33, "Holbæk": 72, "Faxe": 37,
    "Kalundborg": 49, "Ringsted": 35, "Slagelse": 79, "Stevns": 23, "Sorø": 30,
    "Lejre": 29, "Lolland": 40, "Næstved": 83, "Guldborgsund": 60, "Vordingborg": 45,
    "Bornholm": 39, "Middelfart": 39, "Assens": 41, "Faaborg-Midtfyn": 52, "Kerteminde": 24,
    "Nyborg": 32, "Odense": 205, "Svendborg": 59, "Nordfyns": 30, "Langeland": 12,
    "Ærø": 6, "Haderslev": 56, "Billund": 27, "Sønderborg": 74, "Tønder": 37,
    "Esbjerg": 116, "Fanø": 3, "Varde": 50, "Vejen": 43, "Aabenraa": 59,
    "Fredericia": 52, "Horsens": 96, "Kolding": 94, "Vejle": 120, "Herning": 90,
    "Holstebro": 59, "Lemvig": 20, "Struer": 21, "Syddjurs": 43, "Norddjurs": 37,
    "Favrskov": 49, "Odder": 23, "Randers": 99, "Silkeborg": 98, "Samsø": 4,
    "Skanderborg": 63, "Aarhus": 360, "Ikast-Brande": 42, "Ringkøbing-Skjern": 57,
    "Hedensted": 47, "Morsø": 20, "Skive": 46, "Thisted": 43, "Viborg": 98,
    "Brønderslev": 36, "Frederikshavn": 59, "Vesthimmerlands": 36, "Læsø": 2, "Rebild": 30,
    "Mariagerfjord": 42, "Jammerbugt": 38, "Aalborg": 220, "Hjørring": 64,
}  # fmt: skip

# --- §8 distributions (share, values) ---------------------------------------------------

YDELSE = [
    ("kontanthjaelp", 69), ("sygedagpenge", 10), ("selvforsoergende", 5),
    ("revalidering", 3), ("ledighedsydelse", 3), ("fleksjob", 3), ("dagpenge", 3),
    ("su", 2), ("ressourceforloeb", 1),
]  # fmt: skip
# Granted hours a week: 0–1 h 23%, 1–2 h 30%, 2–3 16%, 3–4 6%, 4–5 15%, 5–10 6%, >10 3%.
TIMER = [
    (("0.50", "1.00"), 23), (("1.50", "2.00"), 30), (("2.50", "3.00"), 16),
    (("3.50", "4.00"), 6), (("4.50", "5.00"), 15), (("6.00", "7.50", "10.00"), 6),
    (("12.00", "15.00", "20.00"), 3),
]  # fmt: skip
# Duration in days: ≤30 14%, 31–60 13%, 61–90 17%, 91–120 17%, 121–180 12%, 181–210 13%,
# 211–360 9%, >360 7%.
VARIGHED = [
    ((7, 30), 14), ((31, 60), 13), ((61, 90), 17), ((91, 120), 17), ((121, 180), 12),
    ((181, 210), 13), ((211, 360), 9), ((361, 1460), 7),
]  # fmt: skip
# Mentor types: mostly the internal corps; 13 of 18 job centres also buy external help.
MENTORTYPER = [
    ("intern", 40), ("ekstern", 22), ("virksomhed", 14), ("bostoette", 9),
    ("uddannelsesinstitution", 7), ("frivillig", 8),
]  # fmt: skip
# How strongly each type is picked for a new course (internal mentors carry 10–20).
MENTORVAEGT = {
    "intern": 12.0, "ekstern": 3.0, "virksomhed": 0.8, "bostoette": 2.0,
    "uddannelsesinstitution": 1.0, "frivillig": 0.8,
}  # fmt: skip
EKSTERNE_ANDEL = 13 / 18
FORMAAL = [
    ("aktiviteter", 33), ("tilbud", 22), ("uddannelse", 20), ("fleksjob", 5),
    ("ordinaer_ansaettelse", 17), ("", 3),
]  # fmt: skip
STOETTETYPE = [("barrierer", 62), ("fastholdelse", 29), ("introduktion", 9)]
AARSAG = [
    ("maal_naaet", 25), ("aktivt_tilbud", 15), ("job", 12), ("uddannelse", 13),
    ("ikke_behov", 10), ("borger_oenske", 8), ("manglende_fremmoede", 9), ("flyttet", 4),
    ("andet", 4),
]  # fmt: skip
RESULTAT = [
    ("ordinaert_job", 15), ("stoettet_job", 10), ("uddannelse", 20), ("paa_ydelse", 50),
    ("andet", 5),
]  # fmt: skip
INGEN_KONTAKT = [("udeblev", 35), ("syg", 25), ("mentor_fravaer", 10), ("ferie", 20), ("andet", 10)]
KONTAKTFORM = [
    ("fysisk", 45), ("telefon", 30), ("video", 5), ("skriftlig", 10), ("ledsagelse", 7),
    ("netvaerksmoede", 3),
]  # fmt: skip
EMNER = [
    "arbejde", "uddannelse", "kolleger", "moedestabilitet", "misbrug", "familie", "oekonomi",
    "venner", "sagsbehandler", "helbred", "bolig", "struktur", "transport", "aftaler",
]  # fmt: skip
EMNEVAEGT = [9, 10, 3, 16, 6, 7, 12, 3, 3, 8, 5, 20, 4, 3]

FORNAVNE_M = [
    "Mads",
    "Jonas",
    "Mikkel",
    "Oliver",
    "Lucas",
    "Emil",
    "Frederik",
    "Rasmus",
    "Kasper",
    "Mathias",
    "Ahmad",
    "Ali",
    "Anders",
    "Jens",
    "Peter",
    "Lars",
    "Michael",
    "Henrik",
    "Thomas",
    "Søren",
    "Niels",
    "Christian",
    "Martin",
    "Jesper",
    "Morten",
]
FORNAVNE_K = [
    "Emma",
    "Ida",
    "Sofie",
    "Anna",
    "Laura",
    "Freja",
    "Clara",
    "Maja",
    "Karen",
    "Mette",
    "Anne",
    "Hanne",
    "Susanne",
    "Louise",
    "Camilla",
    "Julie",
    "Sara",
    "Amalie",
    "Fatima",
    "Aisha",
    "Maria",
    "Lene",
    "Pia",
    "Tina",
    "Nanna",
]
EFTERNAVNE = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Hussein",
    "Yilmaz",
    "Karimi",
    "Holm",
    "Lund",
    "Berg",
    "Dam",
    "Bach",
    "Skov",
    "Kjær",
]
VEJE = [
    "Skolevej",
    "Stationsvej",
    "Kirkevej",
    "Vestergade",
    "Østergade",
    "Nørregade",
    "Søndergade",
    "Engvej",
]
MAAL = {
    "uddannelse": "Borgeren starter på og gennemfører første del af en uddannelse.",
    "ordinaer_ansaettelse": "Borgeren får og fastholder et ordinært job på mindst 15 timer.",
    "fleksjob": "Borgeren finder og fastholder et fleksjob.",
    "tilbud": "Borgeren gennemfører det aftalte tilbud med stabilt fremmøde.",
    "aktiviteter": "Borgeren deltager stabilt i de aftalte aktiviteter og samtaler.",
    "": "",
}
OPGAVER = [
    "Ugentlige samtaler om struktur i hverdagen; ledsage til aftaler efter behov.",
    "Hjælpe med at møde til tiden og støtte i kontakten med praktikstedet.",
    "Støtte i økonomi og post og hjælpe med at planlægge ugen.",
    "Følge op med uddannelsesstedet og støtte fremmødet.",
]
ARBEJDSPUNKTER = [
    "Møder til tiden 4 af 5 dage",
    "Åbner og læser sin digitale post hver uge",
    "Laver en ugeplan hver søndag",
    "Tager bussen alene til praktikken",
    "Ringer selv afbud ved sygdom",
    "Har styr på budgettet for måneden",
]
RAPPORTER = [
    "Borgeren møder mere stabilt op. Vi arbejder videre med ugeplanen.",
    "Svær periode med fravær; vi har aftalt tættere kontakt de næste uger.",
    "God fremgang. Borgeren tager selv initiativ til at ringe afbud.",
    "Stabilt forløb; praktikstedet er tilfreds med fremmødet.",
]
KVALIFIKATIONER = (
    "Mentoren har erfaring med unge med sårbarhed og uddannelse i motiverende samtale."
)
VURDERING = "Konkret vurdering: borgeren har fortsat behov for støtte for at nå målet."
UD_OVER_NORMALT = "Støtten går ud over den sædvanlige oplæring og introduktion."


def quota(rng: random.Random, n: int, shares) -> list:
    """n values whose shares follow `shares` [(value, weight)] as closely as whole numbers
    allow (largest remainder), shuffled."""
    total = sum(w for _v, w in shares)
    exact = [n * w / total for _v, w in shares]
    counts = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    out = [shares[i][0] for i, c in enumerate(counts) for _ in range(c)]
    rng.shuffle(out)
    return out


# --- COPY helpers -----------------------------------------------------------------------


def _esc(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (list, tuple)):
        return "{" + ",".join(value) + "}"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


class Tabel:
    """Lines for one model's COPY. Rows give `cols` in order; every other column gets its
    model default (or NULL / '' / now), so a column added later with a default needs no
    change here."""

    def __init__(self, model: type[models.Model], cols: list[str], now_text: str):
        self.model = model
        self.navn = model._meta.db_table
        self.cols = cols
        extra_cols, extra_vals = [], []
        for f in model._meta.concrete_fields:
            if f.column in cols:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now_text
            elif f.has_default():
                value = f.get_default()
                if isinstance(value, date):
                    value = value.isoformat()
            elif f.null:
                value = None
            elif isinstance(f, (models.CharField, models.TextField)):
                value = ""
            else:
                raise ValueError(f"{self.navn}.{f.column}: no value and no default")
            extra_cols.append(f.column)
            extra_vals.append(_esc(value))
        self.all_cols = cols + extra_cols
        self.suffix = ("\t" + "\t".join(extra_vals) if extra_vals else "") + "\n"
        self.lines: list[str] = []

    def add(self, *values) -> None:
        self.lines.append("\t".join(map(_esc, values)) + self.suffix)

    def add_raw(self, line: str) -> None:
        """A line already in COPY text form (tab-separated, escaped) without newline."""
        self.lines.append(line + self.suffix)

    def copy_sql(self) -> str:
        return f"COPY {self.navn} ({', '.join(self.all_cols)}) FROM STDIN"


def _copy(cursor, tabel: Tabel, chunks) -> int:
    """COPY an iterable of text chunks into the table; returns the number of lines."""
    n = 0
    with cursor.copy(tabel.copy_sql()) as cp:
        for chunk in chunks:
            cp.write(chunk)
            n += chunk.count("\n")
    return n


def _batched(lines: list[str], size: int = 20_000):
    for i in range(0, len(lines), size):
        yield "".join(lines[i : i + size])


# --- The plan ---------------------------------------------------------------------------


@dataclass
class Kurs:
    """One course's plan, kept compact for the week pass."""

    id: int
    org: int
    team: int
    sagsbehandler: int
    start: date
    slut: date  # planned end
    status: str
    reg_slut: date  # last day with registrations
    lovgrundlag: str
    timer: str
    perioder: list = field(default_factory=list)  # (id, start, slut, [(gaelder_fra, timer)])
    tilknytninger: list = field(default_factory=list)  # (mentor_id, fra, til, bruger_id)
    kontakt_p: float = 0.65
    faktor: float = 0.75


class Ids:
    def __init__(self, cursor, models_: list[type[models.Model]]):
        self.next = {}
        for model in models_:
            cursor.execute(f"SELECT COALESCE(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            self.next[model] = cursor.fetchone()[0] + 1

    def __call__(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _mandag(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _ts(d: date, hour: int = 9, minute: int = 0) -> str:
    return f"{d.isoformat()} {hour:02d}:{minute:02d}:00+00"


class National:
    def __init__(self, *, fraction: float, seed: int, today: date, stdout):
        self.f = fraction
        self.rng = random.Random(seed)
        self.today = today
        self.out = stdout
        self.t0 = time.monotonic()
        self.now_text = timezone.now().isoformat()
        self.counts: dict[str, int] = {}

    def log(self, msg: str) -> None:
        if self.out is not None:
            self.out.write(f"[{time.monotonic() - self.t0:6.1f} s] {msg}")

    def tabel(self, model, cols) -> Tabel:
        return Tabel(model, cols, self.now_text)

    # --- organisations, teams, users, mentors --------------------------------------------

    def plan_people(self, ids: Ids):
        rng = self.rng
        n_orgs = min(ORGANISATIONER, max(2, math.ceil(ORGANISATIONER * self.f * 10)))
        names = list(KOMMUNER)
        if n_orgs < ORGANISATIONER:
            # A fraction keeps the largest and a spread of smaller municipalities.
            names = sorted(names, key=lambda n: -KOMMUNER[n])
            step = len(names) / n_orgs
            names = [names[int(i * step)] for i in range(n_orgs)]
        weights = {n: KOMMUNER[n] for n in names}
        total_w = sum(weights.values())
        n_forloeb = max(n_orgs * 10, round(FORLOEB * self.f))
        n_mentorer = max(n_orgs * 3, round(MENTORER * self.f))

        self.t_org = self.tabel(Organisation, ["id", "navn", "kommunekode"])
        self.t_team = self.tabel(Team, ["id", "navn", "organisation_id"])
        self.t_user = self.tabel(
            User,
            [
                "id", "password", "username", "first_name", "last_name", "email",
                "is_superuser", "is_staff", "is_active", "date_joined", "roller",
                "organisation_id",
            ],
        )  # fmt: skip
        self.t_user_teams = self.tabel(User.teams.through, ["id", "user_id", "team_id"])
        self.t_ledere = self.tabel(Team.ledere.through, ["id", "team_id", "user_id"])
        self.t_mentor = self.tabel(
            Mentor,
            [
                "id", "organisation_id", "navn", "type", "arbejdsgiver", "telefon", "email",
                "uddannelse", "mentoruddannelse_timer", "specialiseringer", "kapacitet",
                "aktiv", "bruger_id",
            ],
        )  # fmt: skip
        password = make_password(settings.DEMO_PASSWORD)
        joined = _ts(self.today - timedelta(days=365 * AAR + 30))
        ut_id, led_id = [1], [1]
        ut_id[0] = self._max_id(User.teams.through) + 1
        led_id[0] = self._max_id(Team.ledere.through) + 1

        def user(org_id, slug, username, roller, first, last, teams=(), leder=()):
            uid = ids(User)
            self.t_user.add(
                uid, password, f"{slug}-{username}", first, last,
                f"{slug}-{username}@demo.invalid", False, False, True, joined, roller, org_id,
            )  # fmt: skip
            for t in teams:
                self.t_user_teams.add(ut_id[0], uid, t)
                ut_id[0] += 1
            for t in leder:
                self.t_ledere.add(led_id[0], t, uid)
                led_id[0] += 1
            return uid

        self.orgs = []  # (org_id, slug, n_forloeb, teams [(team_id, [caseworker ids])], mentors)
        self.mentor_bruger: dict[int, int] = {}
        self.mentor_navn: dict[int, tuple[str, str]] = {}
        mentortyper = quota(rng, n_mentorer, MENTORTYPER)
        mentor_i = 0
        for i, navn in enumerate(names):
            org_id = ids(Organisation)
            slug = f"k{i + 1:02d}"
            self.t_org.add(org_id, f"{navn} Kommune", "")
            share = weights[navn] / total_w
            n_f = max(10, round(n_forloeb * share))
            n_m = max(3, round(n_mentorer * share))
            # About 200 active courses (1,000 over five years) per team.
            n_teams = max(2, round(n_f / 1000))
            teams = []
            for t in range(n_teams):
                team_id = ids(Team)
                self.t_team.add(team_id, f"Team {t + 1}", org_id)
                teams.append((team_id, []))
            # One caseworker per ~40 active courses (~200 over five years).
            for t, (team_id, sbs) in enumerate(teams):
                per_team = max(2, round(n_f / n_teams / 200))
                for s in range(per_team):
                    first, last = rng.choice(FORNAVNE_K + FORNAVNE_M), rng.choice(EFTERNAVNE)
                    sbs.append(
                        user(org_id, slug, f"sb{t + 1}-{s + 1}", ["sagsbehandler"], first, last,
                             teams=[team_id])
                    )  # fmt: skip
            # A leader for every two teams.
            for t in range(0, n_teams, 2):
                led = [teams[t][0]] + ([teams[t + 1][0]] if t + 1 < n_teams else [])
                user(org_id, slug, f"leder{t // 2 + 1}", ["teamleder"], "Tina", "Teamleder",
                     teams=led, leder=led)  # fmt: skip
            user(org_id, slug, "koordinator", ["mentorkoordinator"], "Karin", "Koordinator",
                 teams=[t for t, _ in teams])  # fmt: skip
            user(org_id, slug, "admin", ["administrator"], "Anna", "Administrator")
            har_ekstern = rng.random() < EKSTERNE_ANDEL or i == 0
            mentors = []
            for m in range(n_m):
                mtype = mentortyper[mentor_i % len(mentortyper)]
                mentor_i += 1
                if mtype == "ekstern" and not har_ekstern:
                    mtype = "intern"
                first = rng.choice(FORNAVNE_K + FORNAVNE_M)
                last = rng.choice(EFTERNAVNE)
                mid = ids(Mentor)
                bruger = user(org_id, slug, f"mentor{m + 1}", ["mentor"], first, last)
                kapacitet = {"intern": 15, "ekstern": 8, "bostoette": 6}.get(mtype, 3)
                arbejdsgiver = {
                    "intern": f"Jobcenter {navn}",
                    "ekstern": "Mentorhuset ApS",
                    "virksomhed": "Lokal virksomhed A/S",
                    "bostoette": f"Bostøtten, {navn}",
                    "uddannelsesinstitution": f"VUC {navn}",
                    "frivillig": "Røde Kors",
                }[mtype]
                self.t_mentor.add(
                    mid, org_id, f"{first} {last}", mtype, arbejdsgiver,
                    f"2{rng.randrange(10**7):07d}", f"{slug}-mentor{m + 1}@demo.invalid",
                    "Socialrådgiver" if mtype == "intern" else "", rng.choice([0, 0, 30, 60]),
                    [], kapacitet, rng.random() > 0.03, bruger,
                )  # fmt: skip
                self.mentor_bruger[mid] = bruger
                self.mentor_navn[mid] = (f"{first} {last}", arbejdsgiver)
                mentors.append((mid, mtype))
            self.orgs.append((org_id, slug, n_f, teams, mentors))
        self.counts["organisationer"] = n_orgs

    def _max_id(self, model) -> int:
        with connection.cursor() as c:
            c.execute(f"SELECT COALESCE(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            return c.fetchone()[0]

    # --- citizens and courses ------------------------------------------------------------

    def _start_dato(self) -> date:
        """A start date in the last five years, growing by VAEKST a year (inverse CDF)."""
        u = self.rng.random()
        k = VAEKST
        years_ago = -math.log(1 - u * (1 - math.exp(-k * AAR))) / k
        return self.today - timedelta(days=int(years_ago * 365.25))

    def plan_courses(self, ids: Ids):
        rng = self.rng
        n_total = sum(o[2] for o in self.orgs)
        ydelser = quota(rng, n_total, YDELSE)
        timer = quota(rng, n_total, TIMER)
        varighed = quota(rng, n_total, VARIGHED)
        under_30 = quota(rng, n_total, [(True, 46), (False, 54)])
        mand = quota(rng, n_total, [(True, 50), (False, 50)])
        formaal = quota(rng, n_total, FORMAAL)
        stoette = quota(rng, n_total, STOETTETYPE)
        aarsag = quota(rng, n_total, AARSAG)
        fernet = cpr._fernet()

        self.t_borger = self.tabel(
            Borger,
            [
                "id", "organisation_id", "cpr_krypteret", "cpr_hash", "foedselsdato", "navn",
                "adresse", "telefon", "ydelsesgruppe", "visitation", "ret_og_pligt",
                "problemomraader", "oensker_til_mentor", "oprettet",
            ],
        )  # fmt: skip
        self.t_forloeb = self.tabel(
            Forloeb,
            [
                "id", "organisation_id", "team_id", "borger_id", "sagsbehandler_id", "formaal",
                "maal", "opgaver", "stoettetype", "lovgrundlag", "udskrivningsdato",
                "ud_over_normalt", "status", "mentor_id", "oprettet", "version",
            ],
        )  # fmt: skip
        self.t_tilk = self.tabel(
            Mentortilknytning,
            ["id", "forloeb_id", "mentor_id", "fra", "til", "begrundelse", "oprettet_af_id",
             "oprettet"],
        )  # fmt: skip
        self.t_bev = self.tabel(
            Bevilling,
            ["id", "forloeb_id", "start", "slut", "timer_pr_uge", "kvalifikationer", "vurdering",
             "besluttet", "besluttet_af_id", "oprettet"],
        )  # fmt: skip
        self.t_aftale = self.tabel(
            Mentoraftale,
            ["id", "bevilling_id", "maal", "mentor_navn", "mentor_kontakt", "opgaver", "start",
             "slut", "timer_pr_uge", "klagevejledning", "oprettet", "udleveret",
             "udleveringsmaade"],
        )  # fmt: skip
        self.t_timeaendring = self.tabel(
            Timeaendring,
            ["id", "bevilling_id", "gaelder_fra", "timer_pr_uge", "begrundelse",
             "besluttet_af_id", "oprettet"],
        )  # fmt: skip
        self.t_moede = self.tabel(
            Moede,
            ["id", "forloeb_id", "type", "dato", "deltagere", "referat", "beslutninger",
             "oprettet_af_id", "oprettet"],
        )  # fmt: skip
        self.t_punkt = self.tabel(Arbejdspunkt, ["id", "forloeb_id", "titel", "status", "oprettet"])
        self.t_vurd = self.tabel(
            Progressionsvurdering,
            ["id", "arbejdspunkt_id", "dato", "vurderet_af", "score", "kommentar",
             "registreret_af_id"],
        )  # fmt: skip
        self.t_rapport = self.tabel(
            Statusrapport, ["id", "forloeb_id", "mentor_id", "dato", "tekst", "oprettet"]
        )
        self.t_opf = self.tabel(
            Opfoelgning,
            ["id", "forloeb_id", "dato", "leveret", "kontakt_som_bevilget", "note",
             "naeste_dato", "udfoert_af_id", "oprettet"],
        )  # fmt: skip
        self.t_afslut = self.tabel(
            Afslutning,
            ["id", "forloeb_id", "dato", "aarsag", "borger_vurdering", "mentor_vurdering",
             "exitplan", "afsluttet_af_id", "oprettet"],
        )  # fmt: skip
        self.t_resultat = self.tabel(
            Resultat,
            ["id", "forloeb_id", "maaned", "resultat", "registreret", "registreret_af_id"],
        )
        from forloeb.services import KLAGEVEJLEDNING

        klage = str(KLAGEVEJLEDNING)
        self.kurser: list[Kurs] = []
        i = 0
        for org_id, _slug, n_f, teams, mentors in self.orgs:
            m_ids = [m for m, _t in mentors]
            m_type = dict(mentors)
            cum = list(_cumulative([MENTORVAEGT[t] for _m, t in mentors]))
            starts = sorted(self._start_dato() for _ in range(n_f))
            # Citizens: about a quarter get a new course later (after the previous ended).
            frie: list[tuple[date, int]] = []  # (free from, borger id), as a heap-ish list
            cpr_brugt: set[str] = set()
            for start in starts:
                ydelse, tvalg, vb = ydelser[i], timer[i], varighed[i]
                ung, er_mand, fm = under_30[i], mand[i], formaal[i]
                i += 1
                team_id, sbs = teams[rng.randrange(len(teams))]
                sb = rng.choice(sbs)
                dage = rng.randint(*vb)
                slut = start + timedelta(days=dage - 1)
                borger_id = None
                if frie and rng.random() < 0.25:
                    j = bisect.bisect_right(frie, (start - timedelta(days=30), 1 << 62))
                    if j:
                        k = rng.randrange(j)
                        borger_id = frie.pop(k)[1]
                if borger_id is None:
                    borger_id = ids(Borger)
                    alder = (
                        rng.randint(18, 29) if ung else min(64, 30 + int(rng.expovariate(1 / 13)))
                    )
                    born = start - timedelta(days=alder * 365 + rng.randrange(365))
                    digits = _cpr(rng, born, er_mand, cpr_brugt)
                    first = rng.choice(FORNAVNE_M if er_mand else FORNAVNE_K)
                    rop = ydelse == "kontanthjaelp" and rng.random() < 0.12
                    emner = sorted(set(rng.choices(EMNER, weights=EMNEVAEGT, k=rng.randint(1, 4))))
                    self.t_borger.add(
                        borger_id, org_id, fernet.encrypt(digits.encode()).decode(),
                        cpr.lookup_hash(digits), born.isoformat(),
                        f"{first} {rng.choice(EFTERNAVNE)}",
                        f"{rng.choice(VEJE)} {rng.randint(1, 120)}", f"{rng.randrange(2, 10)}"
                        f"{rng.randrange(10**7):07d}", ydelse,
                        "aktivitetsparat" if ydelse == "kontanthjaelp" else "jobparat", rop,
                        emner, "", _ts(start - timedelta(days=20)),
                    )  # fmt: skip
                    rop_borger = rop
                else:
                    rop_borger = False
                bisect.insort(frie, (slut, borger_id))
                kurs = self._course(
                    ids, org_id, team_id, sb, borger_id, start, slut, tvalg, fm, stoette[i - 1],
                    aarsag[i - 1], rop_borger, ung, m_ids, m_type, cum, klage,
                )  # fmt: skip
                self.kurser.append(kurs)
        self.counts["forloeb"] = len(self.kurser)

    def _course(self, ids, org_id, team_id, sb, borger_id, start, slut, timervalg, fm, stoette,
                aarsag, rop, ung, m_ids, m_type, cum, klage) -> Kurs:  # fmt: skip
        rng, today = self.rng, self.today
        fid = ids(Forloeb)
        timer = rng.choice(timervalg)
        # Status: ended when the planned end has passed, except a few forgotten ones.
        if slut < today:
            overdue = slut >= today - timedelta(days=90) and rng.random() < 0.08
            status = "aktiv" if overdue else "afsluttet"
            reg_slut = slut
        else:
            status = "aktiv"
            reg_slut = today
        lovgrundlag = "generel"
        udskrivning = None
        if rop:
            lovgrundlag = "ret_og_pligt"
        elif rng.random() < 0.03:
            lovgrundlag = "psykiatri"
            udskrivning = (start + timedelta(days=rng.randint(0, 60))).isoformat()
        elif ung and fm == "uddannelse" and rng.random() < 0.3:
            lovgrundlag = "uddannelsesstart"
        kurs = Kurs(fid, org_id, team_id, sb, start, slut, status, reg_slut, lovgrundlag, timer)
        # Contact habits of this pair: 60–70% of weeks have contact on average; a few
        # courses where the mentor is hardly seen ("Hvor er min mentor").
        if rng.random() < 0.03:
            kurs.kontakt_p, kurs.faktor = 0.05, 0.3
        else:
            kurs.kontakt_p = min(0.98, max(0.2, rng.gauss(0.66, 0.16)))
            kurs.faktor = rng.lognormvariate(math.log(0.8) - 0.08, 0.4)

        # Mentors: one at a time; some courses change mentor on a Monday.
        def pick(exclude=None):
            for _ in range(5):
                m = m_ids[bisect.bisect_left(cum, rng.random() * cum[-1])]
                if m != exclude:
                    return m
            return m

        mentor = pick()
        end_til = slut if status == "afsluttet" else None
        skift = None
        aktiv_slut = min(slut, today)
        if (aktiv_slut - start).days > 70 and rng.random() < 0.15:
            skift = _mandag(start + timedelta(days=rng.randint(35, (aktiv_slut - start).days)))
            if skift <= start:
                skift = None
        if skift:
            m2 = pick(mentor)
            kurs.tilknytninger = [
                (mentor, start, skift - timedelta(days=1), self.mentor_bruger[mentor]),
                (m2, skift, end_til, self.mentor_bruger[m2]),
            ]
        else:
            kurs.tilknytninger = [(mentor, start, end_til, self.mentor_bruger[mentor])]
        nu_mentor = kurs.tilknytninger[-1][0]
        for mid, fra, til, _b in kurs.tilknytninger:
            self.t_tilk.add(
                ids(Mentortilknytning), fid, mid, fra.isoformat(), til.isoformat() if til else None,
                "Skift af mentor efter aftale." if fra != start else "", sb, _ts(fra),
            )  # fmt: skip
        mtype = m_type[nu_mentor]
        opgaver = "" if rng.random() < 0.03 else rng.choice(OPGAVER)
        self.t_forloeb.add(
            fid, org_id, team_id, borger_id, sb, fm, MAAL[fm], opgaver, stoette, lovgrundlag,
            udskrivning,
            UD_OVER_NORMALT if mtype in ("virksomhed", "uddannelsesinstitution") else "",
            status, nu_mentor, _ts(start - timedelta(days=rng.randint(3, 20))), 1,
        )  # fmt: skip

        # Grant periods of at most 6 months back to back; the next one is decided ahead
        # (within 14 days of the end) for 60%, the rest wait for the compliance warning.
        p_start = start
        first = True
        navn, arbejdsgiver = self.mentor_navn[nu_mentor]
        while p_start <= slut:
            p_slut = min(p_start + relativedelta(months=6) - timedelta(days=1), slut)
            if p_start > today and not (
                p_start <= today + timedelta(days=14) and rng.random() < 0.6
            ):
                break
            bid = ids(Bevilling)
            besluttet = p_start - timedelta(days=rng.randint(0, 12))
            kval = "" if rng.random() < 0.04 else KVALIFIKATIONER
            self.t_bev.add(
                bid, fid, p_start.isoformat(), p_slut.isoformat(), timer, kval,
                "" if first else VURDERING, besluttet.isoformat(), sb, _ts(besluttet),
            )  # fmt: skip
            aendringer = []
            if (p_slut - p_start).days > 60 and rng.random() < 0.05:
                fra = _mandag(p_start + timedelta(days=rng.randint(28, (p_slut - p_start).days)))
                if p_start < fra <= p_slut:
                    ny = rng.choice([t for vs, _w in TIMER for t in vs if t != timer])
                    self.t_timeaendring.add(
                        ids(Timeaendring), bid, fra.isoformat(), ny,
                        "Behovet er ændret efter opfølgning.", sb, _ts(fra),
                    )  # fmt: skip
                    aendringer.append((fra, ny))
            kurs.perioder.append((bid, p_start, p_slut, aendringer))
            # The written agreement: handed out within 14 days for most.
            udleveret = None
            r = rng.random()
            if r < 0.86:
                udleveret = p_start + timedelta(days=rng.randint(0, 12))
            elif r < 0.93:
                udleveret = p_start + timedelta(days=rng.randint(15, 40))
            if udleveret is not None and udleveret > today:
                udleveret = None
            self.t_aftale.add(
                ids(Mentoraftale), bid, MAAL[fm], navn, arbejdsgiver, opgaver,
                p_start.isoformat(), p_slut.isoformat(), timer, klage, _ts(besluttet),
                udleveret.isoformat() if udleveret else None,
                rng.choice(["personligt", "digital_post", "digital_post", "brev"])
                if udleveret else "",
            )  # fmt: skip
            first = False
            p_start = p_slut + timedelta(days=1)

        slut_obs = min(kurs.reg_slut, today)
        # Start meeting within four weeks for most; late or missing for ~15%.
        r = rng.random()
        if r < 0.85:
            moede = start + timedelta(days=rng.randint(0, 24))
        elif r < 0.93:
            moede = start + timedelta(days=rng.randint(35, 70))
        else:
            moede = None
        if moede and moede <= slut_obs:
            self.t_moede.add(
                ids(Moede), fid, "opstart", moede.isoformat(),
                ["borger", "mentor", "sagsbehandler"], "Forventninger og arbejdspunkter aftalt.",
                "", sb, _ts(moede),
            )  # fmt: skip
        d = start + timedelta(days=91)
        while d <= slut_obs:
            self.t_moede.add(
                ids(Moede), fid, "opfoelgning", d.isoformat(),
                ["borger", "mentor", "sagsbehandler"], "Status på arbejdspunkterne.", "", sb,
                _ts(d),
            )  # fmt: skip
            d += timedelta(days=rng.randint(80, 100))
        # Delivery follow-up: regular for two thirds, sparse for a third (STAR).
        gap = (28, 56) if rng.random() < 0.67 else (70, 140)
        d = start + timedelta(days=rng.randint(*gap))
        while d <= slut_obs:
            leveret = rng.choices(["ja", "delvist", "nej"], [80, 15, 5])[0]
            self.t_opf.add(
                ids(Opfoelgning), fid, d.isoformat(), leveret,
                leveret == "ja" and rng.random() < 0.9,
                "" if leveret == "ja" else "Aftalt tættere kontakt med mentoren.", None, sb,
                _ts(d),
            )  # fmt: skip
            d += timedelta(days=rng.randint(*gap))
        # Status reports from the mentor of the day, about every 6 weeks for most.
        gap = (35, 42) if rng.random() < 0.75 else (56, 90)
        d = start + timedelta(days=rng.randint(*gap))
        while d <= slut_obs:
            self.t_rapport.add(
                ids(Statusrapport), fid, _mentor_paa(kurs, d), d.isoformat(),
                rng.choice(RAPPORTER), _ts(d),
            )  # fmt: skip
            d += timedelta(days=rng.randint(*gap))
        # Work points and both voices' ratings (mentors rate progress higher).
        if moede and moede <= slut_obs:
            for titel in rng.sample(ARBEJDSPUNKTER, rng.randint(1, 3)):
                pid = ids(Arbejdspunkt)
                pstatus = "aktiv" if status == "aktiv" else rng.choice(["opnaaet", "opgivet"])
                self.t_punkt.add(pid, fid, titel, pstatus, _ts(moede))
                d = moede + timedelta(days=rng.randint(30, 60))
                while d <= slut_obs:
                    ms = min(5, max(1, round(rng.gauss(3.6, 0.9))))
                    bs = min(5, max(1, round(rng.gauss(2.8, 1.0))))
                    bruger = self.mentor_bruger[_mentor_paa(kurs, d)]
                    self.t_vurd.add(ids(Progressionsvurdering), pid, d.isoformat(), "mentor", ms,
                                    "", bruger)  # fmt: skip
                    self.t_vurd.add(ids(Progressionsvurdering), pid, d.isoformat(), "borger", bs,
                                    "", bruger)  # fmt: skip
                    d += timedelta(days=rng.randint(60, 120))
        # End, with reason and both ratings (a few left incomplete), and outcomes.
        if status == "afsluttet":
            if rng.random() < 0.97:
                self.t_afslut.add(
                    ids(Afslutning), fid, slut.isoformat(), aarsag, rng.randint(1, 5),
                    rng.randint(2, 5), "Exitplan aftalt med borgeren.", sb, _ts(slut),
                )  # fmt: skip
            for maaned in (3, 6, 12):
                when = slut + relativedelta(months=maaned)
                if when <= today and rng.random() < 0.7:
                    self.t_resultat.add(
                        ids(Resultat),
                        fid,
                        maaned,
                        rng.choices(*zip(*RESULTAT, strict=True))[0],
                        _ts(when),
                        sb,
                    )
        return kurs

    # --- weeks ---------------------------------------------------------------------------

    def copy_weeks(self, cursor, ids: Ids) -> None:
        """Stream week registrations into COPY; contacts go to a temp file, copied after."""
        rng, today = self.rng, self.today
        t_uge = self.tabel(
            Ugeregistrering,
            ["id", "forloeb_id", "aar", "uge", "uge_start", "mentor_id", "ingen_kontakt_aarsag",
             "minutter_i_alt", "registreret_af_id", "registreret", "aendret", "godkendt_af_id",
             "godkendt", "version"],
        )  # fmt: skip
        t_kontakt = self.tabel(
            Kontakt, ["id", "registrering_id", "dato", "minutter", "form", "emner"]
        )
        iso: dict[date, tuple[int, int]] = {}
        denne = _mandag(today)
        forrige = denne - timedelta(weeks=1)
        # Previous week: past the Wednesday deadline most have registered.
        p_forrige = 0.85 if today.isoweekday() > 3 else 0.45
        aarsager = [a for a, _w in INGEN_KONTAKT]
        aarsag_w = [w for _a, w in INGEN_KONTAKT]
        former = [a for a, _w in KONTAKTFORM]
        form_w = [w for _a, w in KONTAKTFORM]
        ku_suffix = t_kontakt.suffix
        ug_suffix = t_uge.suffix
        uge_id = ids.next[Ugeregistrering]
        kontakt_id = ids.next[Kontakt]
        random_ = rng.random
        n_uger = n_kontakt = 0
        kontakt_file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

        def chunks():
            nonlocal uge_id, kontakt_id, n_uger, n_kontakt
            buf: list[str] = []
            kbuf: list[str] = []
            for kurs in self.kurser:
                if not kurs.perioder:
                    continue
                sidste = min(kurs.reg_slut, kurs.perioder[-1][2], today)
                mandag = _mandag(kurs.start)
                timer = kurs.timer
                aendringer = [a for p in kurs.perioder for a in p[3]]
                tilk = kurs.tilknytninger
                while mandag <= sidste:
                    if mandag == denne:
                        p_reg = 0.3
                    elif mandag == forrige:
                        p_reg = p_forrige
                    else:
                        p_reg = 0.97
                    if random_() < p_reg:
                        if mandag not in iso:
                            y, w, _d = mandag.isocalendar()
                            iso[mandag] = (y, w, mandag.isoformat())
                        y, w, ms = iso[mandag]
                        mentor, bruger = tilk[0][0], tilk[0][3]
                        if len(tilk) > 1 and mandag >= tilk[1][1]:
                            mentor, bruger = tilk[1][0], tilk[1][3]
                        g = timer
                        for fra, ny in aendringer:
                            if fra <= mandag:
                                g = ny
                        lo = max(mandag, kurs.start)
                        hi = min(mandag + timedelta(days=6), sidste)
                        reg_dag = min(hi + timedelta(days=1 + int(random_() * 3)), today)
                        reg = f"{reg_dag.isoformat()} 15:{int(random_() * 60):02d}:00+00"
                        godkendt = "\\N\t\\N"
                        if mandag < forrige and random_() < 0.7:
                            gd = min(reg_dag + timedelta(days=2 + int(random_() * 7)), today)
                            godkendt = f"{kurs.sagsbehandler}\t{gd.isoformat()} 10:00:00+00"
                        if random_() < kurs.kontakt_p:
                            minutter = float(g) * 60 * kurs.faktor * rng.lognormvariate(0, 0.35)
                            enheder = max(1, min(37 * 4, round(minutter / 15)))
                            minutter = enheder * 15
                            n = min(enheder, 1 if enheder <= 4 else (2 if enheder <= 12 else 3))
                            span = (hi - lo).days
                            for j in range(n):
                                m = 15 * (enheder // n + (1 if j < enheder % n else 0))
                                dag = lo + timedelta(days=int(random_() * (span + 1)))
                                form = rng.choices(former, form_w)[0]
                                emne = rng.choices(EMNER, EMNEVAEGT)[0]
                                kbuf.append(
                                    f"{kontakt_id}\t{uge_id}\t{dag.isoformat()}\t{m}\t{form}"
                                    f"\t{{{emne}}}{ku_suffix}"
                                )
                                kontakt_id += 1
                            aarsag = ""
                        else:
                            minutter = 0
                            aarsag = rng.choices(aarsager, aarsag_w)[0]
                        buf.append(
                            f"{uge_id}\t{kurs.id}\t{y}\t{w}\t{ms}\t{mentor}\t{aarsag}\t{minutter}"
                            f"\t{bruger}\t{reg}\t{reg}\t{godkendt}\t1{ug_suffix}"
                        )
                        uge_id += 1
                    mandag += timedelta(days=7)
                if len(buf) >= 20_000:
                    n_uger += len(buf)
                    yield "".join(buf)
                    buf.clear()
                    n_kontakt += len(kbuf)
                    kontakt_file.write("".join(kbuf))
                    kbuf.clear()
            n_uger += len(buf)
            n_kontakt += len(kbuf)
            kontakt_file.write("".join(kbuf))
            yield "".join(buf)

        _copy(cursor, t_uge, chunks())
        self.log(f"ugeregistreringer: {n_uger:,}")
        kontakt_file.seek(0)

        def file_chunks():
            while True:
                data = kontakt_file.read(4 << 20)
                if not data:
                    return
                yield data

        _copy(cursor, t_kontakt, file_chunks())
        kontakt_file.close()
        self.log(f"kontakter: {n_kontakt:,}")
        ids.next[Ugeregistrering] = uge_id
        ids.next[Kontakt] = kontakt_id
        self.counts["ugeregistreringer"] = n_uger
        self.counts["kontakter"] = n_kontakt
        self.t_uge, self.t_kontakt = t_uge, t_kontakt


def _cumulative(weights):
    total = 0.0
    for w in weights:
        total += w
        yield total


def _mentor_paa(kurs: Kurs, d: date) -> int:
    tilk = kurs.tilknytninger
    if len(tilk) > 1 and d >= tilk[1][1]:
        return tilk[1][0]
    return tilk[0][0]


def _cpr(rng: random.Random, born: date, mand: bool, brugt: set[str]) -> str:
    """A valid CPR number for the birth date (century digit per CPR-kontoret), unique in
    the organisation; odd last digit for men."""
    for _ in range(1000):
        seventh = rng.choice("49" if born.year >= 2000 else "0123")
        mid = f"{rng.randrange(100):02d}"
        last = rng.choice("13579" if mand else "02468")
        digits = f"{born:%d%m%y}{seventh}{mid}{last}"
        if digits not in brugt:
            brugt.add(digits)
            return digits
    raise RuntimeError("no free CPR number")


ALLE = [
    Organisation, Team, User, Mentor, Borger, Forloeb, Mentortilknytning, Bevilling,
    Mentoraftale, Timeaendring, Moede, Arbejdspunkt, Progressionsvurdering, Statusrapport,
    Opfoelgning, Afslutning, Resultat, Ugeregistrering, Kontakt,
]  # fmt: skip


def findes() -> bool:
    """National data is there when one of its organisations is."""
    return Organisation.objects.filter(navn__in=[f"{n} Kommune" for n in KOMMUNER]).exists()


def seed_national(
    *, fraction: float = 1.0, seed: int = 2019, stdout=None, today: date | None = None,
    scan: bool = True,
) -> dict[str, int]:  # fmt: skip
    """Create the national data set (idempotent: does nothing when it is already there)."""
    if findes():
        if stdout is not None:
            stdout.write("Landsdata findes allerede; intet ændret.")
        return {}
    today = today or timezone.localdate()
    gen = National(fraction=fraction, seed=seed, today=today, stdout=stdout)
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor, for COPY
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = replica")
        ids = Ids(cursor, ALLE)
        # Plain (non-constraint) indexes are dropped for the load and rebuilt after it:
        # one sorted build is much cheaper than 2 million inserts into each index.
        # Constraint indexes (primary keys, unique, exclusion) stay and keep checking.
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events
        store = [m._meta.db_table for m in ALLE if m not in (Organisation, Team, User)]
        genopbyg = _drop_plain_indexes(cursor, store)
        gen.plan_people(ids)
        gen.log(f"plan: {gen.counts['organisationer']} organisationer, personer og mentorer")
        gen.plan_courses(ids)
        gen.log(f"plan: {gen.counts['forloeb']:,} forløb")
        tabeller = [
            gen.t_org, gen.t_team, gen.t_user, gen.t_user_teams, gen.t_ledere, gen.t_mentor,
            gen.t_borger, gen.t_forloeb, gen.t_tilk, gen.t_bev, gen.t_aftale, gen.t_timeaendring,
            gen.t_moede, gen.t_punkt, gen.t_vurd, gen.t_rapport, gen.t_opf, gen.t_afslut,
            gen.t_resultat,
        ]  # fmt: skip
        for tabel in tabeller:
            n = _copy(raw, tabel, _batched(tabel.lines))
            gen.counts[tabel.navn] = n
            tabel.lines = []
        gen.log("personer, forløb, perioder, aftaler, møder m.m. skrevet")
        gen.copy_weeks(raw, ids)
        tabeller += [gen.t_uge, gen.t_kontakt]
        for sql in genopbyg:
            cursor.execute(sql)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        gen.log(f"{len(genopbyg)} indeks genopbygget")
        if superuser:
            cursor.execute("SET LOCAL session_replication_role = origin")
            _check_foreign_keys(cursor, [t.model for t in tabeller])
            gen.log("fremmednøgler kontrolleret")
        for tabel in tabeller:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{tabel.navn}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(max(id), 1) FROM {tabel.navn}))"
            )
    with connection.cursor() as cursor:
        for tabel in tabeller:
            cursor.execute(f"ANALYZE {tabel.navn}")
    gen.log("ANALYZE færdig")
    gen.counts["aktive"] = sum(1 for k in gen.kurser if k.status == "aktiv")
    if scan:
        gen.counts["advarsler"] = _scan(gen)
    return gen.counts


def _drop_plain_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' indexes that back no constraint; return their CREATE statements."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [tables],
    )
    rows = cursor.fetchall()
    for name, _sql in rows:
        cursor.execute(f"DROP INDEX {name}")
    return [sql for _name, sql in rows]


def _check_foreign_keys(cursor, models_: list[type[models.Model]]) -> None:
    """Every foreign key of the loaded tables, checked once with an anti-join."""
    for model in models_:
        for f in model._meta.concrete_fields:
            if not f.is_relation:
                continue
            target = f.related_model._meta
            cursor.execute(
                f"SELECT count(*) FROM {model._meta.db_table} c "  # noqa: S608
                f"WHERE c.{f.column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target.db_table} p WHERE p.{target.pk.column} = c.{f.column})"
            )
            bad = cursor.fetchone()[0]
            if bad:
                raise RuntimeError(
                    f"{bad} rækker i {model._meta.db_table}.{f.column} peger forkert"
                )


def _scan(gen: National) -> int:
    try:
        from compliance import services
    except ImportError:
        return 0
    if not hasattr(services, "scan"):
        return 0
    from compliance.models import Advarsel

    if Advarsel._meta.db_table not in connection.introspection.table_names():
        return 0  # compliance not migrated yet
    start = time.monotonic()
    resultat = services.scan()
    gen.log(f"compliance-scan: {resultat} ({time.monotonic() - start:.1f} s)")
    return getattr(resultat, "oprettet", 0)


def summary(counts: dict[str, int]) -> str:
    buf = io.StringIO()
    for key, value in counts.items():
        buf.write(f"  {key:40s} {value:>12,}\n")
    return buf.getvalue()
