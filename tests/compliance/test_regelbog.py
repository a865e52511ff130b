"""docs/regler.md is executable: every example row is built, scanned and checked.

A row describes one course by how it differs from a course that breaks no rule (the
columns are explained in the rule book). The scan at noon on the row's day must flag the
course exactly when the row says `ja`, and the reference model must agree.
"""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from compliance import services
from compliance.models import Advarsel
from compliance.regler import REGLER
from forloeb import services as forloeb_services
from forloeb.models import (
    Afslutning,
    Bevilling,
    Forloeb,
    Mentoraftale,
    Moede,
    Opfoelgning,
    Resultat,
    Statusrapport,
)
from tests.factories import ForloebFactory, MentorFactory, TeamFactory, user_with_role
from tidsregistrering.choices import Kontaktform
from tidsregistrering.models import Kontakt, Ugeregistrering

from . import referencemodel

pytestmark = pytest.mark.django_db

REGELBOG = Path(__file__).resolve().parents[2] / "docs" / "regler.md"
KBH = ZoneInfo("Europe/Copenhagen")
AFSNIT = ("Betingelse.", "Tærskel.", "Grundlag.", "Hvem handler.", "Sådan lukkes den.")
KOLONNER = {
    "i dag", "start", "slut", "ny periode", "timer", "minutter", "uregistreret",
    "uden kontakt", "kontaktform", "kontakt", "opstartsmøde", "udleveret", "opfølgning",
    "statusrapport", "formål", "mål", "opgaver", "kvalifikationer", "lovgrundlag",
    "mentorskifte", "afsluttet", "årsag", "vurderinger", "resultater", "kapacitet",
    "før på mentoren", "advarsel",
}  # fmt: skip
LOVGRUNDLAG = {
    "generel": "generel",
    "ret og pligt": "ret_og_pligt",
    "psykiatri": "psykiatri",
    "uddannelsesstart": "uddannelsesstart",
}
FORMER = {label.lower(): kode for kode, label in Kontaktform.choices} | {
    kode: kode for kode in Kontaktform.values
}


def sektioner() -> dict[str, tuple[str, list[dict[str, str]]]]:
    """Rule code -> (the section's text, its example rows as column -> cell)."""
    result = {}
    for blok in re.split(r"^## ", REGELBOG.read_text(encoding="utf-8"), flags=re.M)[1:]:
        overskrift, _, tekst = blok.partition("\n")
        kode = overskrift.split(" — ")[0].strip()
        if not re.fullmatch(r"[A-Z_]+", kode):
            continue  # "Fælles begreber"
        linjer = [linje.strip() for linje in tekst.splitlines() if linje.startswith("|")]
        rows = []
        if linjer:
            hoved = [c.strip() for c in linjer[0].strip("|").split("|")]
            for linje in linjer[2:]:
                celler = [c.strip() for c in linje.strip("|").split("|")]
                rows.append(dict(zip(hoved, celler, strict=True)))
        result[kode] = (tekst, rows)
    return result


SEKTIONER = sektioner()
EKSEMPLER = [
    pytest.param(kode, nr, row, id=f"{kode}-{nr}")
    for kode, (_tekst, rows) in SEKTIONER.items()
    for nr, row in enumerate(rows, start=1)
]


def _dato(celle: str) -> dt.date | None:
    m = re.search(r"\d{4}-\d{2}-\d{2}", celle)
    return dt.date.fromisoformat(m.group()) if m else None


def _mandag(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _uger(celle: str, idag: dt.date) -> set[dt.date]:
    """ "uge 52, uge 53" -> the Mondays of the latest weeks with those numbers."""
    mandage = set()
    for nummer in re.findall(r"\d+", celle):
        uge = _mandag(idag)
        while uge.isocalendar().week != int(nummer):
            uge -= dt.timedelta(weeks=1)
        mandage.add(uge)
    return mandage


class Eksempel:
    """One row of the rule book, built through the services where they own the data."""

    def __init__(self, row: dict[str, str]):
        assert set(row) <= KOLONNER, set(row) - KOLONNER
        self.row = {k: v for k, v in row.items() if v}
        self.idag = _dato(row["i dag"])
        self.team = TeamFactory()
        self.sb = user_with_role("sagsbehandler", team=self.team)
        self.mentor = MentorFactory(
            organisation=self.team.organisation, kapacitet=int(self.row.get("kapacitet", 200))
        )

    def get(self, kolonne: str, default=None):
        return self.row.get(kolonne, default)

    def dato(self, kolonne: str, default: dt.date | None) -> dt.date | None:
        celle = self.get(kolonne)
        if celle is None:
            return default
        return _dato(celle)  # "—" is None

    def byg(self) -> Forloeb:
        idag, sb = self.idag, self.sb
        start = self.dato("start", idag - dt.timedelta(days=120))
        for _ in range(int(self.get("før på mentoren", 0))):
            tidligere = ForloebFactory(team=self.team, sagsbehandler=sb)
            forloeb_services.tildel_mentor(
                user=sb,
                forloeb=tidligere,
                mentor=self.mentor,
                fra=start - dt.timedelta(days=1),
                tilsidesaet_begrundelse="Eksempel.",
            )
        f = ForloebFactory(
            team=self.team,
            sagsbehandler=sb,
            lovgrundlag=LOVGRUNDLAG[self.get("lovgrundlag", "generel")],
        )
        forloeb_services.tildel_mentor(
            user=sb, forloeb=f, mentor=self.mentor, fra=start, tilsidesaet_begrundelse="Eksempel."
        )
        timer = Decimal(self.get("timer", "2"))
        slut = self.dato(
            "slut", min(start + dt.timedelta(days=150), forloeb_services.seneste_slutdato(start))
        )
        forloeb_services.bevilg_periode(
            user=sb,
            forloeb=f,
            start=start,
            slut=slut,
            timer_pr_uge=timer,
            kvalifikationer="Erfaren med unge.",
            besluttet=start,
        )
        if ny := self.dato("ny periode", None):
            forloeb_services.bevilg_periode(
                user=sb,
                forloeb=f,
                start=ny,
                slut=ny + dt.timedelta(days=60),
                timer_pr_uge=timer,
                kvalifikationer="Erfaren med unge.",
                vurdering="Fortsat behov.",
                besluttet=min(ny, idag),
            )
        if skifte := self.dato("mentorskifte", None):
            f.refresh_from_db()
            forloeb_services.tildel_mentor(
                user=sb,
                forloeb=f,
                mentor=MentorFactory(organisation=self.team.organisation, kapacitet=200),
                fra=skifte,
                begrundelse="Ny mentor.",
                kvalifikationer="Kender borgeren.",
            )
        self._dokumentation(f, start)
        self._uger(f, timer)
        self._slut(f)
        return f

    def _dokumentation(self, f: Forloeb, start: dt.date) -> None:
        idag, sb = self.idag, self.sb
        felter = (("formål", "formaal"), ("mål", "maal"), ("opgaver", "opgaver"))
        tomme = {felt: "" for kolonne, felt in felter if self.get(kolonne) == "tom"}
        if tomme:
            Forloeb.objects.filter(pk=f.pk).update(**tomme)
        if self.get("kvalifikationer") == "tom":
            Bevilling.objects.filter(forloeb=f).update(kvalifikationer="")
        for aftale in Mentoraftale.objects.filter(bevilling__forloeb=f):
            aftale.udleveret = self.dato("udleveret", max(aftale.start, aftale.dato))
            aftale.udleveringsmaade = "personligt" if aftale.udleveret else ""
            aftale.save()
        if moede := self.dato("opstartsmøde", start):
            Moede.objects.create(forloeb=f, type="opstart", dato=moede, oprettet_af=sb)
        seneste = max(start, idag - dt.timedelta(days=7))
        if opfoelgning := self.dato("opfølgning", seneste):
            Opfoelgning.objects.create(
                forloeb=f, dato=opfoelgning, leveret="ja", kontakt_som_bevilget=True, udfoert_af=sb
            )
        if rapport := self.dato("statusrapport", seneste):
            Statusrapport.objects.create(forloeb=f, mentor=f.mentor, dato=rapport, tekst="Status.")

    def _uger(self, f: Forloeb, timer: Decimal) -> None:
        """Every week up to today (or the end) registered by each mentor who had a day of it
        in a period, with one contact on the week's first such day."""
        perioder = list(f.bevillinger.all())
        tilknytninger = list(f.tilknytninger.all())
        sidste = self.dato("afsluttet", self.idag)
        uregistreret = _uger(self.get("uregistreret", ""), self.idag)
        uden_kontakt = _uger(self.get("uden kontakt", ""), self.idag)
        minutter = int(self.get("minutter", timer * 60))
        form = FORMER[self.get("kontaktform", "fysisk")]
        uge = _mandag(min(p.start for p in perioder))
        while uge <= sidste:
            if uge not in uregistreret:
                for t in tilknytninger:
                    dage = [
                        uge + dt.timedelta(days=i)
                        for i in range(7)
                        if uge + dt.timedelta(days=i) <= sidste
                        and t.fra <= uge + dt.timedelta(days=i)
                        and (t.til is None or uge + dt.timedelta(days=i) <= t.til)
                        and any(p.start <= uge + dt.timedelta(days=i) <= p.slut for p in perioder)
                    ]
                    if dage:
                        i_ugen = 0 if uge in uden_kontakt else minutter
                        self._registrer(f, t.mentor, uge, dage[0], i_ugen, form)
            uge += dt.timedelta(weeks=1)
        if kontakt := self.dato("kontakt", None):
            self._registrer(f, f.mentor, _mandag(kontakt), kontakt, 30, form)

    def _registrer(self, f, mentor, uge, dag, minutter, form) -> None:
        iso = uge.isocalendar()
        reg, _ = Ugeregistrering.objects.get_or_create(
            forloeb=f,
            aar=iso.year,
            uge=iso.week,
            mentor=mentor,
            defaults={
                "uge_start": uge,
                "minutter_i_alt": minutter,
                "ingen_kontakt_aarsag": "" if minutter else "syg",
                "registreret_af": self.sb,
            },
        )
        if minutter:
            Kontakt.objects.create(registrering=reg, dato=dag, minutter=minutter, form=form)

    def _slut(self, f: Forloeb) -> None:
        if not (afsluttet := self.dato("afsluttet", None)):
            return
        f.refresh_from_db()
        afslutning = forloeb_services.afslut_forloeb(
            user=self.sb,
            forloeb=f,
            dato=afsluttet,
            aarsag="job",
            borger_vurdering=3,
            mentor_vurdering=4,
        )
        if self.get("årsag") == "tom":
            Afslutning.objects.filter(pk=afslutning.pk).update(aarsag="")
        if self.get("vurderinger") == "tom":
            Afslutning.objects.filter(pk=afslutning.pk).update(
                borger_vurdering=None, mentor_vurdering=None
            )
        for maaned in re.findall(r"\d+", self.get("resultater", "")):
            Resultat.objects.create(
                forloeb=f, maaned=int(maaned), resultat="ordinaert_job", registreret_af=self.sb
            )


@pytest.mark.parametrize(("kode", "nr", "row"), EKSEMPLER)
def test_eksemplet_i_regelbogen_holder(kode, nr, row, _hurtige_adgangskoder):
    eksempel = Eksempel(row)
    middag = dt.datetime.combine(eksempel.idag, dt.time(12), tzinfo=KBH)
    with transaction.atomic(), time_machine.travel(middag, tick=False):
        forloeb = eksempel.byg()
        services.scan(middag)
        flag = Advarsel.objects.aabne().filter(regel=kode, forloeb=forloeb).exists()
        model = forloeb.pk in referencemodel.brud(eksempel.idag)[kode]
        transaction.set_rollback(True)
    ventet = {"ja": True, "nej": False}[row["advarsel"]]
    assert (flag, model) == (ventet, ventet), f"docs/regler.md, {kode}, eksempel {nr}: {row}"


def test_hver_regel_har_en_sektion_med_eksempler_paa_begge_sider():
    assert set(SEKTIONER) == set(REGLER), "docs/regler.md og compliance/regler/ skal følges ad"
    for kode, (tekst, rows) in SEKTIONER.items():
        for afsnit in AFSNIT:
            assert f"**{afsnit}**" in tekst, (kode, afsnit)
        assert {row["advarsel"] for row in rows} == {"ja", "nej"}, kode
        assert str(REGLER[kode].titel) in REGELBOG.read_text(encoding="utf-8"), kode


def test_ugedagene_i_eksemplerne_passer_til_datoerne():
    ugedage = ["man", "tir", "ons", "tor", "fre", "lør", "søn"]
    for kode, (_tekst, rows) in SEKTIONER.items():
        for row in rows:
            dag, dato = row["i dag"].split()
            assert ugedage[dt.date.fromisoformat(dato).weekday()] == dag, (kode, row["i dag"])


def test_regelbogen_naevner_hver_taerskel_med_dens_standardvaerdi():
    from compliance.models import Regelindstillinger

    tekst = REGELBOG.read_text(encoding="utf-8")
    for felt in Regelindstillinger._meta.concrete_fields:
        if felt.name in ("id",) or not isinstance(felt.default, int):
            continue
        assert re.search(rf"`{felt.name}` = {felt.default}\b", tekst), felt.name
