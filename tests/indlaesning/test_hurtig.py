"""The import's fast path for the courses it creates (indlaesning.nye) gives what the
services give one call at a time, and the week file's `registreret` column."""

import datetime as dt

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from forloeb import services
from forloeb.models import Borger, Forloeb
from indlaesning.importering import importer
from tests.indlaesning.test_import import KBH, fil, klokken, kommune, raekke  # noqa: F401
from tidsregistrering.models import Ugeregistrering

pytestmark = pytest.mark.django_db
UGEHOVED = "sagsnummer;aar;uge;minutter;form;registreret"


def _uger(*linjer: str) -> tuple[str, bytes]:
    return ("uger.csv", ("\n".join([UGEHOVED, *linjer]) + "\n").encode())


def _fejl(rapport):
    return [(f.raekke, f.kolonne, f.besked) for r in rapport.resultater for f in r.fejl]


def _uden(obj, *felter):
    data = model_to_dict(obj)
    for felt in ("id", *felter):
        data.pop(felt, None)
    return data


def test_et_importeret_forloeb_er_som_det_servicerne_opretter(kommune):  # noqa: F811
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke(aftale_udleveret="05-06-2026", udleveringsmaade="personligt")),
        commit=True,
    )
    assert [r.status for r in rapport.resultater] == ["oprettet"]
    importeret = Forloeb.objects.get(sagsnummer="S-1")

    sb = kommune.sb
    borger = services.opret_borger(
        user=sb, cpr_nummer="020290-1002", navn="Anna Andersen", ydelsesgruppe="kontanthjaelp"
    )
    forloeb = services.opret_forloeb(
        user=sb,
        borger=borger,
        team=kommune.team,
        formaal="uddannelse",
        maal="Anna starter på en uddannelse.",
        opgaver="Struktur i hverdagen.",
        lovgrundlag="generel",
        udskrivningsdato=None,
        optagelsesdato=None,
        ud_over_normalt="",
    )
    services.tildel_mentor(user=sb, forloeb=forloeb, mentor=kommune.mads)
    forloeb.refresh_from_db()
    bevilling = services.bevilg_periode(
        user=sb,
        forloeb=forloeb,
        start=dt.date(2026, 6, 1),
        slut=dt.date(2026, 11, 30),
        timer_pr_uge=4,
        kvalifikationer="Erfaren.",
        besluttet=dt.date(2026, 6, 1),
    )
    services.udlever_aftale(
        user=sb, aftale=bevilling.aftale, dato=dt.date(2026, 6, 5), maade="personligt"
    )
    forloeb.refresh_from_db()

    assert _uden(importeret, "borger", "sagsnummer") == _uden(forloeb, "borger", "sagsnummer")
    assert _uden(importeret.borger, "cpr_krypteret", "cpr_hash", "foedselsdato") == _uden(
        borger, "cpr_krypteret", "cpr_hash", "foedselsdato"
    )
    assert [_uden(t, "forloeb") for t in importeret.tilknytninger.all()] == [
        _uden(t, "forloeb") for t in forloeb.tilknytninger.all()
    ]
    ib, sb_ = importeret.bevillinger.get(), forloeb.bevillinger.get()
    assert _uden(ib, "forloeb") == _uden(sb_, "forloeb")
    assert _uden(ib.aftale, "bevilling") == _uden(sb_.aftale, "bevilling")
    assert [h.history_change_reason for h in ib.aftale.history.order_by("history_id")] == [
        h.history_change_reason for h in sb_.aftale.history.order_by("history_id")
    ]
    assert importeret.history.order_by("-history_id").first().history_change_reason == (
        "Importeret fra forloeb.csv (sagsnummer S-1)"
    )
    assert importeret.borger.history.get().history_change_reason == "Borger oprettet"


def test_samme_nye_borger_i_to_forloeb_oprettes_en_gang(kommune):  # noqa: F811
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke(), raekke(sagsnummer="S-2", mentor="lene.larsen@kommune.invalid")),
        commit=True,
    )
    assert [r.status for r in rapport.resultater] == ["oprettet", "oprettet"]
    assert Borger.objects.count() == 1
    assert Forloeb.objects.filter(borger=Borger.objects.get()).count() == 2


def test_mentorens_kapacitet_taeller_forloeb_fra_samme_fil(kommune):  # noqa: F811
    kommune.mads.kapacitet = 1
    kommune.mads.save()
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke(), raekke(sagsnummer="S-2", cpr="020290-1002")),
        commit=True,
        delvis=True,
    )
    assert [r.status for r in rapport.resultater] == ["oprettet", "fejl"]
    ((nr, kolonne, besked),) = _fejl(rapport)
    assert (nr, kolonne) == (3, "mentor")
    assert "har ingen ledig kapacitet (1 af 1 åbne forløb)" in besked


def test_ugens_oprindelige_registrering_kan_angives(kommune):  # noqa: F811
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke()),
        ugefil=_uger("S-1;2026;23;60;fysisk;02-06-2026", "S-1;2026;24;60;fysisk;"),
        commit=True,
    )
    assert not rapport.har_fejl, _fejl(rapport)
    uge23, uge24 = Ugeregistrering.objects.order_by("uge")
    assert timezone.localtime(uge23.registreret).date() == dt.date(2026, 6, 2)
    assert uge24.registreret == dt.datetime(2026, 11, 20, 12, 0, tzinfo=KBH)


def test_registreret_for_en_ny_uge_i_et_eksisterende_forloeb(kommune):  # noqa: F811
    importer(organisation=kommune.org, forloebsfil=fil(raekke()), commit=True)
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke()),
        ugefil=_uger("S-1;2026;23;60;fysisk;2026-06-03"),
        commit=True,
    )
    assert rapport.resultater[0].aendringer == ["uge 23, 2026"]
    assert timezone.localtime(Ugeregistrering.objects.get().registreret).date() == dt.date(
        2026, 6, 3
    )


@pytest.mark.parametrize("eksisterende", [False, True])
@pytest.mark.parametrize(
    ("registreret", "besked"),
    [
        ("01-12-2026", "Registreringstidspunktet kan ikke ligge i fremtiden."),
        ("31-05-2026", "Uge 23, 2026 kan ikke være registreret før ugens start (01.06.2026)."),
        ("i går", "»i går« er ikke et tidspunkt; skriv dd-mm-åååå eller åååå-mm-dd."),
    ],
)
def test_et_forkert_registreringstidspunkt_meldes(kommune, eksisterende, registreret, besked):  # noqa: F811
    if eksisterende:
        importer(organisation=kommune.org, forloebsfil=fil(raekke()), commit=True)
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke()),
        ugefil=_uger(f"S-1;2026;23;60;fysisk;{registreret}"),
        commit=True,
    )
    assert (2, "registreret", besked) in _fejl(rapport)
    assert not rapport.skrevet
    assert not Ugeregistrering.objects.exists()
