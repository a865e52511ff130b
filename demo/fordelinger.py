"""The one table of distributions behind all demo data (PRODUCT.md §8 and the gaps).

Both generators read it: the service-driven scales (`demo.kommune`: small, kommune) and
the COPY-based national scale (`demo.national`), through the shared planning code in
`demo.plan`, `demo.tidslinje` and `demo.uger`. Shares are weights (percent where the
source gives percent) and are dealt out by quota (`demo.draw.quota`), so they hold even
at 40 courses.

Where §8 gives a number it is used as is. Where §8 is silent the two generators that
existed before this table sometimes disagreed; the comment at each such entry says which
value was kept ("kept: ..."). Education (§8: 57 % primary school only) has no field on
the citizen, so no generator draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from forloeb.models import (
    Afslutningsaarsag,
    Arbejdspunktstatus,
    Emne,
    Formaal,
    Leveret,
    MentorType,
    Resultattype,
    Stoettetype,
    Udleveringsmaade,
    Ydelsesgruppe,
)
from tidsregistrering.choices import IngenKontaktAarsag, Kontaktform

# --- The citizen ---------------------------------------------------------------------

# §8: benefit at start (2012–14).
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
# §8: 46 % under 30, mean age 34.
UNDER_30 = {True: 46, False: 54}
ALDER_UNDER_30 = (18, 29)  # uniform, mean 23.5
# 30 and over: triangular(low, high, mode), mean 43, so the overall mean is 34.
# Kept: the service generator's triangular; the national one drew 30 + Exp(13) capped
# at 64 (overall mean ~33.5).
ALDER_30_PLUS = (30, 64, 35)
# §8: gender even.
MAND = {True: 50, False: 50}
# Ret og pligt: share of activity-ready cash-benefit recipients (kept: the service
# generator's 10 % of non-job-ready; the national one had 12 % of all cash benefit).
RET_OG_PLIGT = 0.10
# Problem areas of the citizen, also the topics of their contacts (§5's taxonomy).
# Kept: the national generator's 14 topics (the service one knew 11, without colleagues,
# friends and the caseworker); the weights of the 11 were the same in both.
PROBLEMOMRAADER = {
    Emne.STRUKTUR: 20,
    Emne.MOEDESTABILITET: 16,
    Emne.OEKONOMI: 12,
    Emne.UDDANNELSE: 10,
    Emne.ARBEJDE: 9,
    Emne.HELBRED: 8,
    Emne.FAMILIE: 7,
    Emne.MISBRUG: 6,
    Emne.BOLIG: 5,
    Emne.TRANSPORT: 4,
    Emne.AFTALER: 3,
    Emne.KOLLEGER: 3,
    Emne.VENNER: 3,
    Emne.SAGSBEHANDLER: 3,
}
# Draws of problem areas per citizen (a set, so duplicates fall away); under 30 half
# also get education. Kept: the service generator's 1–3 draws (national: 1–4).
PROBLEMOMRAADER_ANTAL = (1, 3)
# Structured wishes for the mentor (Borger.oensket_koen/oensket_alder): only where the
# free-text wish names a gender or an age, and then only this share (the caseworker did
# not always tick the field); waiting-list citizens always, so the coordinator sees the
# wish met. Drawn from their own random stream so the draws above stay the same.
OENSKE_STRUKTURERET = 0.6
# Share of gender wishes that also wish an age band (the citizen's own).
OENSKE_OGSAA_ALDER = 0.25
UNGE_UDDANNELSE = 0.5
# About a quarter get a new course later (§8): the chance that a new course goes to a
# citizen whose earlier course ended at least GENBRUG_PAUSE days before. Kept: the
# national 25 % (the service generator used 15 %).
NYT_FORLOEB_SENERE = 0.25
GENBRUG_PAUSE = 30

# --- The grant -----------------------------------------------------------------------


@dataclass(frozen=True)
class Spand:
    """One band of a banded distribution: its share and what is drawn inside it."""

    andel: int
    vaerdier: tuple


# §8: granted hours a week, 0–1 h 23 %, 1–2 h 30 %, 2–3 h 16 %, 3–4 h 6 %, 4–5 h 15 %,
# 5–10 h 6 %, over 10 h 3 % (median 2). Values inside a band: kept the service
# generator's, where the round hour is the more common grant (national: each value
# equally often, and 20 h in the top band).
TIMER = [
    Spand(23, ("0.5", "1", "1")),
    Spand(30, ("1.5", "2", "2")),
    Spand(16, ("2.5", "3")),
    Spand(6, ("3.5", "4")),
    Spand(15, ("4.5", "5")),
    Spand(6, ("6", "7.5", "10")),
    Spand(3, ("12", "15")),
]
# §8: duration in days, ≤30 14 %, 31–60 13 %, 61–90 17 %, 91–120 17 %, 121–180 12 %,
# 181–210 13 %, 211–360 9 %, >360 7 % (median 92); uniform inside a band. The outer
# bounds are not in §8: kept the national generator's 7 and 1,460 days (the service one
# used 10 and 540), which keep the national data's size.
VARIGHED = [
    Spand(14, (7, 30)),
    Spand(13, (31, 60)),
    Spand(17, (61, 90)),
    Spand(17, (91, 120)),
    Spand(12, (121, 180)),
    Spand(13, (181, 210)),
    Spand(9, (211, 360)),
    Spand(7, (361, 1460)),
]
# Purpose by age group. Kept: the service generator's (education for the young); the
# national one drew one table for all ages (33/22/20/5/17) with 3 % left empty, which is
# now the gap FORMAAL_MANGLER below.
FORMAAL_UNDER_30 = {
    Formaal.UDDANNELSE: 50,
    Formaal.TILBUD: 25,
    Formaal.AKTIVITETER: 25,
}
FORMAAL_30_PLUS = {
    Formaal.AKTIVITETER: 30,
    Formaal.TILBUD: 30,
    Formaal.ORDINAER_ANSAETTELSE: 25,
    Formaal.FLEKSJOB: 15,
}
# §5: removing barriers most common, introduction in a company rarest. Kept: the
# national 62/29/9 (service: 60/30/10).
STOETTETYPE = {
    Stoettetype.BARRIERER: 62,
    Stoettetype.FASTHOLDELSE: 29,
    Stoettetype.INTRODUKTION: 9,
}
# Legal basis besides the general one (shares of all courses / of young people with an
# education goal). Psychiatric discharge 3 % in both; education start: kept the
# service generator's 15 % (national: 30 %). Discharge 0–60 days after start in both.
PSYKIATRI = 0.03
PSYKIATRI_UDSKRIVNING_DAGE = (0, 60)
UDDANNELSESSTART = 0.15
# Admission to the education 0–30 days before the first period (LAB § 167, stk. 3: the
# first period starts within 6 months of admission; neither generator had the date).
UDDANNELSESSTART_OPTAGELSE_DAGE = (0, 30)
# Grant periods: §3, at most 6 months each. Kept the national generator's six months
# every time (the service one granted 3 months in a third of the periods). A period
# starting within PERIODE_BESLUTNING_DAGE is decided ahead for NAESTE_PERIODE_I_TIDE;
# the rest are PERIODE_UDLOEBER's work (kept: national; the service generator always
# granted ahead).
PERIODE_MAANEDER = 6
PERIODE_BESLUTNING_DAGE = 14
NAESTE_PERIODE_I_TIDE = 0.6
# The grant is decided 0–12 days before the period starts (national; service: 1–10).
BESLUTNING_FOER_DAGE = (0, 12)
# A change of hours within a period (§3.8): 5 % of periods over 60 days, from a Monday
# at least 4 weeks in (both 5 %; kept the national timing), one hour more (kept the
# service generator's; national drew any other value).
TIMEAENDRING = 0.05
TIMEAENDRING_MIN_DAGE = 28
TIMEAENDRING_TIMER = "1"

# --- The mentor ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mentortype:
    """Per mentor type: its share of courses, its capacity (MENTOR_OVERBELASTET) and the
    active citizens a mentor of this type typically has, which sizes the corps."""

    andel: int
    kapacitet: int
    belastning: float


# §8: "mostly the internal corps", caseload per full-time mentor 10–20 (Hjørring ~15).
# The two generators disagreed: the service one gave the share of *courses* by type
# (62/15/8/7/5/3), the national one the share of *mentors* (40/22/14/9/7/8) with pick
# weights, which left internal mentors ~8 citizens each, below §8's 10–20. Kept: the
# course shares; the corps is sized from them so that an internal mentor carries ~12
# (inside 10–20) under a capacity of 15. Capacity of company and volunteer mentors:
# kept the service generator's 2 (national: 3).
MENTORTYPER = {
    MentorType.INTERN: Mentortype(62, 15, 12),
    MentorType.EKSTERN: Mentortype(15, 8, 4),
    MentorType.VIRKSOMHED: Mentortype(8, 2, 1),
    MentorType.BOSTOETTE: Mentortype(7, 6, 3),
    MentorType.UDDANNELSESINSTITUTION: Mentortype(5, 3, 1.5),
    MentorType.FRIVILLIG: Mentortype(3, 2, 1),
}
# Mentor's age (Mentor.foedselsaar), uniform; covers all three wished age bands.
MENTOR_ALDER = (25, 64)
# §8: caseload per full-time (internal) mentor.
BELASTNING_FULDTID = (10, 20)
# When no mentor of the course's type is free, these types are tried in turn.
MENTOR_RESERVE = (MentorType.INTERN, MentorType.EKSTERN, MentorType.BOSTOETTE)
# §8: 13 of 18 job centres also use external providers (national scale: per
# municipality; a municipality without them gives those courses to the internal corps).
EKSTERNE_LEVERANDOERER = 13 / 18
# Internal mentors' capacity varies around the default (service generator; national
# gave every internal mentor 15).
KAPACITET_UDSVING = (-3, 0, 0, 3, 5)
# Inactive mentors (left, on leave): kept the national 3 % (service: none).
INAKTIV_MENTOR = 0.03
# Hours of mentor training (kept: service) and specialisations drawn per mentor.
MENTORUDDANNELSE_TIMER = (0, 15, 30, 60, 120)
SPECIALISERINGER_ANTAL = (0, 3)
# A change of mentor: 15 % of courses running more than 70 days, on a Monday at least
# 35 days in (kept: national; service 10 % of courses over 60 days, on any weekday).
MENTORSKIFTE = 0.15
MENTORSKIFTE_MIN_DAGE = 70
MENTORSKIFTE_FRA_DAG = 35

# --- Following the course ------------------------------------------------------------

# The written agreement (§3.4): handed out within 12 days for 86 %, 15–40 days late for
# 7 %, never for the rest (kept: national; the service generator never handed out 7 % of
# active courses' last agreement and always handed the others out within 10 days).
AFTALE_UDLEVERING = {"til_tiden": 86, "sent": 7, "aldrig": 7}
AFTALE_TIL_TIDEN_DAGE = (0, 12)
AFTALE_SENT_DAGE = (15, 40)
# How it was handed out (kept: service 50/40/10; national 25/50/25).
UDLEVERINGSMAADE = {
    Udleveringsmaade.PERSONLIGT: 50,
    Udleveringsmaade.DIGITAL_POST: 40,
    Udleveringsmaade.BREV: 10,
}
# Start meeting (§4.4, TREPARTSMOEDE_MANGLER after 4 weeks): kept the national shares
# and days (service: 85 % in 0–27 days, 7 % in 29–50, 8 % none).
OPSTARTSMOEDE = {"til_tiden": 85, "sent": 8, "aldrig": 7}
OPSTARTSMOEDE_TIL_TIDEN_DAGE = (0, 24)
OPSTARTSMOEDE_SENT_DAGE = (35, 70)
# Follow-up meetings every ~3 months from day 91 (kept: national 80–100 days; service
# exactly 91); a closing meeting for 70 % of ended courses (kept: service; national none).
OPFOELGNINGSMOEDE_FOERSTE = 91
OPFOELGNINGSMOEDE_DAGE = (80, 100)
AFSLUTNINGSMOEDE = 0.7
# Caseworker follow-up on delivery (§3.6). §1: in about a third of cases nobody followed
# up, so a third never do (the service generator; the national one followed up sparsely,
# every 70–140 days). The others every 28–56 days, inside OPFOELGNING_MANGLER's 8 weeks
# (kept: national; service 49–60). Outcome: kept national 80/15/5 (service 75/18/7), and
# "contact as granted" for 90 % of the yes.
INGEN_OPFOELGNING = 1 / 3
OPFOELGNING_DAGE = (28, 56)
LEVERET = {Leveret.JA: 80, Leveret.DELVIST: 15, Leveret.NEJ: 5}
KONTAKT_SOM_BEVILGET = 0.9
# Status reports about every 6 weeks (§4.5) for 75 %, sparse for the rest, which gives
# STATUSRAPPORT_MANGLER work (kept: national; service: every 38–48 days, 15 % stopping).
STATUSRAPPORT_REGELMAESSIG = 0.75
STATUSRAPPORT_DAGE = (35, 42)
STATUSRAPPORT_SJAELDEN_DAGE = (56, 90)
# Work points agreed at the start meeting, rated by both voices every 60–120 days from
# 30–60 days after it. Mentors judge more kindly than citizens (SFI: 81 % vs 37 % see
# progress), so their scores centre higher (kept: national; the service generator rated
# at every status report). Ended courses' points: achieved twice as often as given up
# (kept: service; national even).
ARBEJDSPUNKTER_ANTAL = (1, 3)
VURDERING_FOERSTE_DAGE = (30, 60)
VURDERING_DAGE = (60, 120)
VURDERING_MENTOR = (3.6, 0.9)  # mean, standard deviation, rounded into 1–5
VURDERING_BORGER = (2.8, 1.0)
ARBEJDSPUNKT_SLUTSTATUS = {Arbejdspunktstatus.OPNAAET: 2, Arbejdspunktstatus.OPGIVET: 1}

# --- The end -------------------------------------------------------------------------

# Reasons for ending, and outcomes after 3, 6 and 12 months: the same in both generators.
AFSLUTNINGSAARSAG = {
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
# Closing ratings of how close the goal is: citizen 1–5, mentor 2–5 (both generators).
AFSLUTNING_BORGER = (1, 5)
AFSLUTNING_MENTOR = (2, 5)
RESULTAT = {
    Resultattype.ORDINAERT_JOB: 15,
    Resultattype.STOETTET_JOB: 10,
    Resultattype.UDDANNELSE: 20,
    Resultattype.PAA_YDELSE: 50,
    Resultattype.ANDET: 5,
}
# Share of due outcomes that are registered (kept: service 85 %; national 70 %).
RESULTAT_REGISTRERET = 0.85
# Courses whose planned end passed within the last 90 days but nobody closed them
# (PERIODE_OVERSKREDET). Kept: the national model (8 % of those); the service generator
# instead dropped the last period of 8 % of active courses.
GLEMT_AFSLUTNING = 0.08
GLEMT_AFSLUTNING_DAGE = 90

# --- Week registrations (§5, §8) -----------------------------------------------------

# Course profiles. "normal" pairs have contact in a share of weeks drawn per course
# (§8: 60–70 % of weeks have any contact); the others are the patterns §5 wants surfaced.
# Kept: the service generator's profiles; the national one had only normal pairs and 3 %
# where the mentor was hardly seen, kept here as "fravaerende".
UGEPROFILER = {
    "normal": 67,
    "stille": 10,  # a long silence: 4–9 weeks with nothing registered
    "overlevering": 8,  # logs 1.3–2 times the granted hours, once over 20 h
    "ens": 5,  # exactly the same total every week
    "sen": 7,  # weeks entered 3–6 weeks late
    "fravaerende": 3,  # "Hvor er min mentor": contact in 5 % of weeks
}
# Share of weeks with contact for a pair: normal(mean, sd) per course, clipped (the
# national generator's model, gauss(0.66, 0.16); the service one used a fixed 0.645).
# §8: 1-1.8 h a week logged on average. A week with contact delivers the granted hours
# times the pair's factor (log-normal with mean LEVERET_ANDEL) times the week's own spread
# (log-normal with mean 1), the national model; the service generator drew 45-95 % a week
# (mean 0.70), the national factor had mean ~0.85. Both means are calibrated here so that
# with the profiles above all weeks together land mid-range of §8 (~65 % of weeks with
# contact, ~1.5 h a week), checked by tests/demo.
KONTAKT_ANDEL = (0.64, 0.16)
KONTAKT_ANDEL_GRAENSER = (0.2, 0.98)
FRAVAERENDE_KONTAKT = 0.05
LEVERET_ANDEL = 0.65
LEVERET_SPREDNING_FORLOEB = 0.4
LEVERET_SPREDNING_UGE = 0.35
OVERLEVERING = (1.3, 2.0)
ENS_MINUTTER = (60, 90, 120)
STILLE_FRA_UGE = (2, 8)
STILLE_UGER = (4, 9)
# Contacts in a week with contact: one up to 1 h, two up to 3 h, three above, in whole
# quarters split evenly (kept: national, which keeps its ~2.2 million contacts; the
# service generator drew 1/2/3 contacts at 50/35/15 % whatever the total).
KONTAKTER_PR_UGE = ((4, 1), (12, 2), (None, 3))  # (up to this many quarters, contacts)
KONTAKT_EMNER = (1, 2)  # topics per contact, from the citizen's problem areas
# Contact forms (§5). Kept: service (national: 45/30/5/10/7/3).
KONTAKTFORM = {
    Kontaktform.FYSISK: 45,
    Kontaktform.TELEFON: 25,
    Kontaktform.SKRIFTLIG: 10,
    Kontaktform.LEDSAGELSE: 10,
    Kontaktform.VIDEO: 5,
    Kontaktform.NETVAERKSMOEDE: 5,
}
# No-contact reasons (§5). Kept: national (service: 40/25/10/15/10).
INGEN_KONTAKT_AARSAG = {
    IngenKontaktAarsag.UDEBLEV: 35,
    IngenKontaktAarsag.SYG: 25,
    IngenKontaktAarsag.MENTOR_FRAVAER: 10,
    IngenKontaktAarsag.FERIE: 20,
    IngenKontaktAarsag.ANDET: 10,
}
# Which weeks are registered at all (REGISTRERING_MANGLER): this week 30 %, last week
# 85 % once its Wednesday deadline has passed and 45 % before, older weeks 97 % (kept:
# national; the service generator registered 40 % / 70 % and left half of the
# no-contact weeks unregistered, 18 % of all weeks).
REGISTRERET_DENNE_UGE = 0.3
REGISTRERET_FORRIGE_UGE = (0.45, 0.85)  # before / after the Wednesday deadline
REGISTRERET_AELDRE = 0.97
# Days from the week's end to its registration (late profile: 21–45), and approval by
# the caseworker of 70 % of weeks that ended over 3 weeks ago, 3–10 days after
# registration (kept: service; national approved everything before last week).
REGISTRERING_DAGE = (0, 3)
REGISTRERING_SEN_DAGE = (21, 45)
GODKENDT = 0.7
GODKENDT_EFTER_UGER = 3
GODKENDT_DAGE = (3, 10)

# --- Gaps only the COPY path can write ---------------------------------------------

# The services refuse these (a grant needs purpose, goal, tasks and qualifications; an
# end needs a reason and ratings), yet municipalities hold such cases from older
# systems. The national scale writes them at these shares; the small and kommune scales
# get one of each through `demo.kommune.huller` (plain updates, as a migration would).
HUL_FORMAAL = 0.03
HUL_OPGAVER = 0.03
HUL_KVALIFIKATIONER = 0.04
HUL_AFSLUTNING = 0.03
