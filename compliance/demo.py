"""Demo compliance: a few gap cases, the scan, and ~12 weeks of back-filled snapshots.

The forløb demo builds its courses through the services, which refuse the documentation
gaps STAR found (no purpose, tasks or qualifications, an end without reason). Real
municipalities still hold such cases from older systems, so this module adds a handful of
"migrated" courses with those gaps (plain updates, as a data migration would), plus a
period about to run out, a missing start meeting and an overloaded mentor through the
services. Idempotent: the gap cases are created once per organisation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from forloeb import services as forloeb_services
from forloeb.models import Bevilling, Borger, Forloeb, Mentor, Moede, Status
from organisation.models import Rolle, User
from tidsregistrering.uger import mandag

from . import services
from .models import Advarsel, UgeSnapshot
from .regler import REGLER

UGER_BAGUD = 12
# (name, CPR, gap): citizens of the migrated gap cases; CPR numbers are fictitious.
HULLER = [
    ("Ida Overført", "0303851001", "formaal"),
    ("Jens Overført", "0404861002", "opgaver"),
    ("Karen Overført", "0505871003", "kvalifikationer"),
    ("Lars Overført", "0606881004", "afslutning"),
    ("Mette Udløber", "0707891005", "udloeber"),
    ("Niels Nystartet", "0808901006", "trepart"),
    ("Olga Overbooket", "0909911007", "kapacitet"),
    ("Peter Overbooket", "1010921008", "kapacitet"),
]


def seed(organisation, *, scale: str = "small", seed: int = 2019, stdout=None) -> None:
    _huller(organisation)
    resultat = services.scan()
    today = timezone.localdate()
    denne = mandag(today)
    teams = organisation.teams.all()
    # Past weeks are rebuilt from the rules evaluated at each week's end, so the trend has
    # history on a fresh install; weeks already stored are left alone.
    for i in range(UGER_BAGUD, 0, -1):
        uge = denne - dt.timedelta(weeks=i)
        if not UgeSnapshot.objects.filter(team__in=teams, uge_start=uge).exists():
            services.tag_snapshot(uge, today=today)
    services.tag_snapshot(denne, today=today)
    if stdout is not None:
        aabne = Advarsel.objects.aabne().filter(forloeb__organisation=organisation)
        regler = aabne.values("regel").distinct().count()
        stdout.write(
            f"Compliance: {resultat}; {aabne.count()} åbne advarsler i {regler} af "
            f"{len(REGLER)} regler; {UGER_BAGUD + 1} ugers tal pr. team."
        )


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
    mentorer = list(Mentor.objects.filter(organisation=organisation, aktiv=True).order_by("pk"))
    if not mentorer:
        return
    fuld = Mentor.objects.create(
        organisation=organisation,
        navn="Frida Fuldbooket",
        type="intern",
        telefon="70000000",
        email="frida@demo.invalid",
        kapacitet=1,
    )
    for i, (navn, cpr_nummer, hul) in enumerate(HULLER):
        borger = forloeb_services.opret_borger(
            user=sb, cpr_nummer=cpr_nummer, navn=navn, ydelsesgruppe="kontanthjaelp"
        )
        forloeb = forloeb_services.opret_forloeb(
            user=sb,
            borger=borger,
            team=team,
            formaal="aktiviteter",
            maal="Borgeren deltager stabilt i et aktivt tilbud.",
            opgaver="Støtte til struktur i hverdagen og fremmøde.",
        )
        start = today - dt.timedelta(weeks=8 + i)
        if hul == "udloeber":
            # A 6-month period that ends in about ten days.
            start = today + dt.timedelta(days=10) - dt.timedelta(days=181)
        if hul == "trepart":
            start = today - dt.timedelta(weeks=6)
        mentor = fuld if hul == "kapacitet" else mentorer[i % len(mentorer)]
        forloeb_services.tildel_mentor(
            user=sb,
            forloeb=forloeb,
            mentor=mentor,
            fra=start,
            tilsidesaet_begrundelse="Akut behov; koordinator finder ny mentor.",
        )
        slut = min(forloeb_services.seneste_slutdato(start), start + dt.timedelta(days=181))
        forloeb_services.bevilg_periode(
            user=sb,
            forloeb=forloeb,
            start=start,
            slut=slut,
            timer_pr_uge=Decimal("2"),
            kvalifikationer="Erfaren mentor med unge.",
            besluttet=start,
        )
        if hul != "trepart":
            Moede.objects.create(
                forloeb=forloeb, type="opstart", dato=start + dt.timedelta(days=7), oprettet_af=sb
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
