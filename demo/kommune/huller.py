"""Demo compliance: one course for each gap, the scan, and ~12 weeks of snapshots.

The courses of demo.kommune.forloeb go through the services, which refuse the
documentation gaps STAR found (no purpose, tasks or qualifications, an end without
reason). Real municipalities still hold such cases from older systems, so a handful of
"migrated" courses get those gaps by plain updates, as a data migration would. Through
the services come a period about to run out, one that has run out, a missing start
meeting, an overloaded mentor and a psychiatric discharge granted under six months. None
of them has registrations, follow-ups or status reports, so every rule has a course to
flag whatever the random data holds. Idempotent: the gap cases are created once per
organisation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from compliance import services as compliance_services
from compliance.models import Advarsel, UgeSnapshot
from compliance.regler import REGLER
from forloeb import services
from forloeb.models import (
    Bevilling,
    Borger,
    Forloeb,
    Lovgrundlag,
    Mentor,
    MentorType,
    Moedetype,
    Status,
)
from organisation.models import Rolle, User
from tidsregistrering.uger import mandag

UGER_BAGUD = 12
# (name, CPR, gap): citizens of the gap cases; CPR numbers are fictitious.
HULLER = [
    ("Ida Overført", "0303851001", "formaal"),
    ("Jens Overført", "0404861002", "opgaver"),
    ("Karen Overført", "0505871003", "kvalifikationer"),
    ("Lars Overført", "0606881004", "afslutning"),
    ("Mette Udløber", "0707891005", "udloeber"),
    ("Niels Nystartet", "0808901006", "trepart"),
    ("Olga Overbooket", "0909911007", "kapacitet"),
    ("Peter Overbooket", "1010921008", "kapacitet"),
    ("Rikke Overskredet", "1111931010", "overskredet"),
    ("Søren Udskrevet", "1212941012", "psykiatri"),
]
# The psychiatric case: discharged two weeks in, three months granted, ending soon.
PSYKIATRI_DAGE = 90


def seed(organisation, *, stdout=None) -> None:
    _huller(organisation)
    resultat = compliance_services.scan()
    today = timezone.localdate()
    denne = mandag(today)
    teams = organisation.teams.all()
    # Past weeks are rebuilt from the rules evaluated at each week's end, so the trend has
    # history on a fresh install; weeks already stored are left alone.
    for i in range(UGER_BAGUD, 0, -1):
        uge = denne - dt.timedelta(weeks=i)
        if not UgeSnapshot.objects.filter(team__in=teams, uge_start=uge).exists():
            compliance_services.tag_snapshot(uge, today=today)
    compliance_services.tag_snapshot(denne, today=today)
    if stdout is not None:
        aabne = Advarsel.objects.aabne().filter(forloeb__organisation=organisation)
        regler = aabne.values("regel").distinct().count()
        stdout.write(
            f"Compliance: {resultat}; {aabne.count()} åbne advarsler i {regler} af "
            f"{len(REGLER)} regler; {UGER_BAGUD + 1} ugers tal pr. team.\n"
        )


def _start(hul: str, i: int, today: dt.date) -> dt.date:
    if hul == "udloeber":
        return today + dt.timedelta(days=10) - dt.timedelta(days=181)  # ends in ~10 days
    if hul == "overskredet":
        return today - dt.timedelta(days=200)  # its only period ended ~3 weeks ago
    if hul == "trepart":
        return today - dt.timedelta(weeks=6)
    if hul == "psykiatri":
        return today + dt.timedelta(days=10) - dt.timedelta(days=PSYKIATRI_DAGE)
    return today - dt.timedelta(weeks=8 + i)


@transaction.atomic
def _huller(organisation) -> None:
    sb = (
        User.objects.med_rolle(Rolle.SAGSBEHANDLER)
        .filter(organisation=organisation, teams__isnull=False)
        .order_by("pk")
        .first()
    )
    if sb is None or Borger.objects.filter(organisation=organisation, navn=HULLER[0][0]).exists():
        return
    team = sb.teams.order_by("pk").first()
    today = timezone.localdate()
    # Internal mentors, whose grants need no "beyond the ordinary" assessment.
    mentorer = list(
        Mentor.objects.filter(
            organisation=organisation, aktiv=True, type=MentorType.INTERN
        ).order_by("pk")
    )
    koordinator = User.objects.filter(username="koordinator", organisation=organisation).first()
    if not mentorer or koordinator is None:
        return
    fuld = services.opret_mentor(
        user=koordinator,
        navn="Frida Fuldbooket",
        type=MentorType.INTERN,
        telefon="70000000",
        email="frida@demo.invalid",
        kapacitet=1,
    )
    for i, (navn, cpr_nummer, hul) in enumerate(HULLER):
        borger = services.opret_borger(
            user=sb, cpr_nummer=cpr_nummer, navn=navn, ydelsesgruppe="kontanthjaelp"
        )
        start = _start(hul, i, today)
        psykiatri = {}
        if hul == "psykiatri":
            psykiatri = dict(
                lovgrundlag=Lovgrundlag.PSYKIATRI, udskrivningsdato=start + dt.timedelta(days=14)
            )
        forloeb = services.opret_forloeb(
            user=sb,
            borger=borger,
            team=team,
            formaal="aktiviteter",
            maal="Borgeren deltager stabilt i et aktivt tilbud.",
            opgaver="Støtte til struktur i hverdagen og fremmøde.",
            **psykiatri,
        )
        mentor = fuld if hul == "kapacitet" else mentorer[i % len(mentorer)]
        services.tildel_mentor(
            user=sb,
            forloeb=forloeb,
            mentor=mentor,
            fra=start,
            tilsidesaet_begrundelse="Akut behov; koordinator finder ny mentor.",
        )
        services.bevilg_periode(
            user=sb,
            forloeb=forloeb,
            start=start,
            slut=start + dt.timedelta(days=PSYKIATRI_DAGE - 1)
            if hul == "psykiatri"
            else min(services.seneste_slutdato(start), start + dt.timedelta(days=181)),
            timer_pr_uge=Decimal("2"),
            kvalifikationer="Erfaren mentor med unge.",
            besluttet=start,
        )
        forloeb.refresh_from_db()  # granted now
        if hul != "trepart":
            services.registrer_moede(
                user=sb, forloeb=forloeb, type=Moedetype.OPSTART, dato=start + dt.timedelta(days=7)
            )
        # Migrated from an older system: the gap the services would have refused.
        if hul == "formaal":
            Forloeb.objects.filter(pk=forloeb.pk).update(maal="")
        elif hul == "opgaver":
            Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
        elif hul == "kvalifikationer":
            Bevilling.objects.filter(forloeb=forloeb).update(kvalifikationer="")
        elif hul == "afslutning":
            Forloeb.objects.filter(pk=forloeb.pk).update(status=Status.AFSLUTTET, mentor=None)
