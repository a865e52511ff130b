"""Editing a course, changes of hours, agreements, work points, status reports and results
through the API: happy path, each rule refused with its field-named 400, who may."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Adgangslog, Handling
from forloeb import services
from forloeb.models import Forloeb, Lovgrundlag
from tests.factories import aktivt_forloeb, mentor_with_login

from .conftest import api_client

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _fejl(svar, felt: str) -> str:
    assert svar.status_code == 400, (svar.status_code, svar.content)
    body = svar.json()
    assert felt in body, body
    return " ".join(str(m) for m in body[felt])


def _url(forloeb: Forloeb, rest: str = "") -> str:
    return f"{V1}/forloeb/{forloeb.pk}/{rest}"


# --- Editing a course (optimistic locking) -----------------------------------------------


def test_forloeb_rettes_og_svaret_har_den_nye_version(verden):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient("sagsbehandler").patch(
        _url(forloeb),
        {"version": forloeb.version, "maal": "Starter på HF.", "opgaver": "Følge til vejleder."},
        format="json",
    )
    assert svar.status_code == 200, svar.content
    data = svar.json()
    assert data["maal"] == "Starter på HF."
    assert data["version"] == forloeb.version + 1
    forloeb.refresh_from_db()
    assert (forloeb.maal, forloeb.opgaver) == ("Starter på HF.", "Følge til vejleder.")


def test_rettelse_med_foraeldet_version_afvises_som_konflikt(verden):
    forloeb = verden.forloeb["eget"]
    klient = verden.klient("sagsbehandler")
    gammel = forloeb.version
    forste = klient.patch(_url(forloeb), {"version": gammel, "maal": "A"}, format="json")
    assert forste.status_code == 200, forste.content
    svar = klient.patch(_url(forloeb), {"version": gammel, "maal": "B"}, format="json")
    assert svar.status_code == 409, svar.content
    assert "ændret af en anden" in " ".join(svar.json()["non_field_errors"])
    forloeb.refresh_from_db()
    assert forloeb.maal == "A"


def test_rettelse_uden_version_afvises(verden):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient("sagsbehandler").patch(_url(forloeb), {"maal": "X"}, format="json")
    _fejl(svar, "version")


def test_psykiatri_uden_udskrivningsdato_afvises_paa_feltet(verden):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient("sagsbehandler").patch(
        _url(forloeb),
        {"version": forloeb.version, "lovgrundlag": Lovgrundlag.PSYKIATRI},
        format="json",
    )
    assert "udskrivningsdato" in _fejl(svar, "udskrivningsdato")


@pytest.mark.parametrize("rolle", ["mentor", "mentorkoordinator", "teamleder"])
def test_kun_sagsbehandleren_retter_forloebet(verden, rolle):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient(rolle).patch(
        _url(forloeb), {"version": forloeb.version, "maal": "X"}, format="json"
    )
    assert svar.status_code == 403


def test_put_er_ikke_tilladt(verden):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient("sagsbehandler").put(
        _url(forloeb), {"version": forloeb.version}, format="json"
    )
    assert svar.status_code == 405


# --- Changes of hours --------------------------------------------------------------------


def _timer_url(forloeb: Forloeb, bevilling) -> str:
    return _url(forloeb, f"bevillinger/{bevilling.pk}/timeaendringer/")


def test_timeaendring_registreres_og_listes(verden):
    forloeb = verden.forloeb["eget"]
    bevilling = forloeb.bevillinger.get()
    klient = verden.klient("sagsbehandler")
    fra = bevilling.start + dt.timedelta(days=21)
    svar = klient.post(
        _timer_url(forloeb, bevilling),
        {"gaelder_fra": fra.isoformat(), "timer_pr_uge": "3.5", "begrundelse": "Eksamen."},
        format="json",
    )
    assert svar.status_code == 201, svar.content
    assert svar.json()["timer_pr_uge"] == "3.50"
    liste = klient.get(_timer_url(forloeb, bevilling)).json()
    assert [(r["gaelder_fra"], r["bevilling"]) for r in liste] == [(fra.isoformat(), bevilling.pk)]


def test_timeaendring_uden_for_perioden_afvises(verden):
    forloeb = verden.forloeb["eget"]
    bevilling = forloeb.bevillinger.get()
    svar = verden.klient("sagsbehandler").post(
        _timer_url(forloeb, bevilling),
        {
            "gaelder_fra": (bevilling.slut + dt.timedelta(days=1)).isoformat(),
            "timer_pr_uge": "3",
            "begrundelse": "Mere støtte.",
        },
        format="json",
    )
    assert "i perioden" in _fejl(svar, "gaelder_fra")


def test_timeaendring_uden_begrundelse_og_over_37_timer_afvises(verden):
    forloeb = verden.forloeb["eget"]
    bevilling = forloeb.bevillinger.get()
    klient = verden.klient("sagsbehandler")
    body = {"gaelder_fra": bevilling.start.isoformat(), "timer_pr_uge": "40", "begrundelse": "x"}
    assert "37" in _fejl(
        klient.post(_timer_url(forloeb, bevilling), body, format="json"), "timer_pr_uge"
    )
    body.update(timer_pr_uge="3", begrundelse="")
    _fejl(klient.post(_timer_url(forloeb, bevilling), body, format="json"), "begrundelse")


def test_bevilling_fra_et_andet_forloeb_findes_ikke_her(verden):
    eget = verden.forloeb["eget"]
    fremmed = verden.forloeb["anden_org"].bevillinger.get()
    svar = verden.klient("sagsbehandler").get(_timer_url(eget, fremmed))
    assert svar.status_code == 404


# --- Agreements --------------------------------------------------------------------------


def test_aftalen_vises_med_de_seks_elementer_og_laesningen_logges(verden):
    forloeb = verden.forloeb["eget"]
    bevilling = forloeb.bevillinger.get()
    foer = Adgangslog.objects.filter(forloeb=forloeb, handling=Handling.API_LAES).count()
    svar = verden.klient("mentor").get(_url(forloeb, "aftaler/"))
    assert svar.status_code == 200, svar.content
    [aftale] = svar.json()
    for element in (
        "maal",
        "mentor_navn",
        "mentor_kontakt",
        "opgaver",
        "start",
        "slut",
        "timer_pr_uge",
        "klagevejledning",
    ):
        assert aftale[element], element
    assert (aftale["bevilling"], aftale["start"]) == (bevilling.pk, bevilling.start.isoformat())
    assert aftale["udleveret"] is None
    efter = Adgangslog.objects.filter(forloeb=forloeb, handling=Handling.API_LAES).count()
    assert efter == foer + 1


def _udlever(verden, **body):
    forloeb = verden.forloeb["eget"]
    aftale = forloeb.bevillinger.get().aftale
    return verden.klient("sagsbehandler").post(
        _url(forloeb, f"aftaler/{aftale.pk}/udlevering/"), body, format="json"
    )


def test_aftalens_udlevering_registreres(verden):
    i_dag = timezone.localdate().isoformat()
    svar = _udlever(verden, udleveret=i_dag, udleveringsmaade="digital_post")
    assert svar.status_code == 200, svar.content
    assert (svar.json()["udleveret"], svar.json()["udleveringsmaade"]) == (i_dag, "digital_post")


def test_udlevering_i_fremtiden_afvises(verden):
    i_morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    svar = _udlever(verden, udleveret=i_morgen, udleveringsmaade="personligt")
    assert "fremtiden" in _fejl(svar, "udleveret")


def test_udlevering_uden_maade_afvises(verden):
    svar = _udlever(verden, udleveret=timezone.localdate().isoformat(), udleveringsmaade="")
    assert "udleveret" in _fejl(svar, "udleveringsmaade")


def test_koordinatoren_ser_ikke_aftalerne(verden):
    svar = verden.klient("mentorkoordinator").get(_url(verden.forloeb["eget"], "aftaler/"))
    assert svar.status_code == 403


# --- Work points and progress ratings ----------------------------------------------------


def test_mentor_opretter_arbejdspunkt_markerer_det_og_begge_vurderinger_listes(verden):
    forloeb = verden.forloeb["eget"]
    mentor = verden.klient("mentor")
    svar = mentor.post(_url(forloeb, "arbejdspunkter/"), {"titel": "Møde op"}, format="json")
    assert svar.status_code == 201, svar.content
    ap = svar.json()
    assert (ap["titel"], ap["status"], ap["vurderinger"]) == ("Møde op", "aktiv", [])
    for hvem, score in (("mentor", 4), ("borger", 2)):
        svar = mentor.post(
            _url(forloeb, f"arbejdspunkter/{ap['id']}/vurderinger/"),
            {"vurderet_af": hvem, "score": score, "kommentar": "Fin uge."},
            format="json",
        )
        assert svar.status_code == 201, svar.content
    svar = mentor.post(
        _url(forloeb, f"arbejdspunkter/{ap['id']}/status/"), {"status": "opnaaet"}, format="json"
    )
    assert svar.status_code == 200, svar.content
    assert svar.json()["status"] == "opnaaet"

    liste = verden.klient("sagsbehandler").get(_url(forloeb, "arbejdspunkter/")).json()
    [punkt] = liste
    assert punkt["status"] == "opnaaet"
    assert sorted((v["vurderet_af"], v["score"]) for v in punkt["vurderinger"]) == [
        ("borger", 2),
        ("mentor", 4),
    ]


def _arbejdspunkt(verden):
    forloeb = verden.forloeb["eget"]
    return forloeb, services.opret_arbejdspunkt(
        user=forloeb.sagsbehandler, forloeb=forloeb, titel="Søg job"
    )


def test_vurdering_6_afvises(verden):
    forloeb, ap = _arbejdspunkt(verden)
    svar = verden.klient("mentor").post(
        _url(forloeb, f"arbejdspunkter/{ap.pk}/vurderinger/"),
        {"vurderet_af": "mentor", "score": 6},
        format="json",
    )
    assert "1 til 5" in _fejl(svar, "score")
    assert not ap.vurderinger.exists()


def test_vurdering_uden_vurderer_og_arbejdspunkt_uden_titel_afvises(verden):
    forloeb, ap = _arbejdspunkt(verden)
    klient = verden.klient("sagsbehandler")
    svar = klient.post(
        _url(forloeb, f"arbejdspunkter/{ap.pk}/vurderinger/"),
        {"vurderet_af": "", "score": 3},
        format="json",
    )
    _fejl(svar, "vurderet_af")
    _fejl(klient.post(_url(forloeb, "arbejdspunkter/"), {"titel": " "}, format="json"), "titel")


def test_teamleder_og_koordinator_maa_ikke_skrive_arbejdspunkter(verden):
    forloeb, ap = _arbejdspunkt(verden)
    for rolle in ("teamleder", "mentorkoordinator"):
        klient = verden.klient(rolle)
        svar = klient.post(
            _url(forloeb, f"arbejdspunkter/{ap.pk}/status/"), {"status": "opgivet"}, format="json"
        )
        assert svar.status_code == 403
    assert (
        verden.klient("mentorkoordinator").get(_url(forloeb, "arbejdspunkter/")).status_code == 403
    )


def test_arbejdspunkt_fra_et_andet_forloeb_findes_ikke_her(verden):
    andet = verden.forloeb["andet_team"]
    fremmed = services.opret_arbejdspunkt(user=andet.sagsbehandler, forloeb=andet, titel="X")
    eget = verden.forloeb["eget"]
    svar = verden.klient("sagsbehandler").post(
        _url(eget, f"arbejdspunkter/{fremmed.pk}/status/"), {"status": "opnaaet"}, format="json"
    )
    assert svar.status_code == 404


def test_arbejdspunkter_koerer_fast_antal_queries(verden):
    forloeb = verden.forloeb["eget"]
    klient = verden.klient("sagsbehandler")
    mentor = forloeb.mentor.bruger

    def tilfoej():
        ap = services.opret_arbejdspunkt(user=mentor, forloeb=forloeb, titel="Punkt")
        for hvem in ("mentor", "borger"):
            services.vurder_progression(user=mentor, arbejdspunkt=ap, vurderet_af=hvem, score=3)

    def maal():
        with CaptureQueriesContext(connection) as ctx:
            svar = klient.get(_url(forloeb, "arbejdspunkter/"))
        assert svar.status_code == 200
        return len(ctx), len(svar.json())

    tilfoej()
    maal()  # warm up
    foer, raekker_foer = maal()
    for _i in range(5):
        tilfoej()
    efter, raekker_efter = maal()
    assert (raekker_foer, raekker_efter) == (1, 6)
    assert efter == foer


# --- Status reports ----------------------------------------------------------------------


def test_mentor_skriver_statusrapport_og_sagsbehandleren_laeser_den(verden):
    forloeb = verden.forloeb["eget"]
    svar = verden.klient("mentor").post(
        _url(forloeb, "statusrapporter/"), {"tekst": "Møder stabilt op."}, format="json"
    )
    assert svar.status_code == 201, svar.content
    assert svar.json()["mentor"] == forloeb.mentor_id
    liste = verden.klient("sagsbehandler").get(_url(forloeb, "statusrapporter/")).json()
    assert [r["tekst"] for r in liste] == ["Møder stabilt op."]


@pytest.mark.parametrize("body", [{"tekst": "  "}, {}])
def test_statusrapport_uden_tekst_afvises(verden, body):
    svar = verden.klient("mentor").post(
        _url(verden.forloeb["eget"], "statusrapporter/"), body, format="json"
    )
    assert "statusrapporten" in _fejl(svar, "tekst")


def test_tidligere_mentor_og_sagsbehandler_maa_ikke_skrive_statusrapport(verden):
    forloeb = verden.forloeb["eget"]
    tidligere = verden.klient("mentor")
    services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=mentor_with_login(forloeb.team),
        begrundelse="Bedre match.",
        kvalifikationer="Erfaren med målgruppen.",
    )
    body = {"tekst": "Status."}
    # The earlier mentor still finds the course (her own weeks), but not its content.
    assert tidligere.get(_url(forloeb, "statusrapporter/")).status_code == 403
    assert tidligere.post(_url(forloeb, "statusrapporter/"), body, format="json").status_code == 403
    sb = verden.klient("sagsbehandler")
    assert sb.post(_url(forloeb, "statusrapporter/"), body, format="json").status_code == 403


# --- Results after the end ---------------------------------------------------------------


@pytest.fixture
def afsluttet_for_fire_maaneder_siden(verden):
    i_dag = timezone.localdate()
    forloeb = aktivt_forloeb(team=verden.team, start=i_dag - relativedelta(months=8))
    services.afslut_forloeb(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        dato=i_dag - relativedelta(months=4),
        aarsag="job",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    return forloeb


def test_resultat_efter_3_maaneder_registreres_og_listes(afsluttet_for_fire_maaneder_siden):
    forloeb = afsluttet_for_fire_maaneder_siden
    klient = api_client(forloeb.sagsbehandler)
    svar = klient.post(
        _url(forloeb, "resultater/"), {"maaned": 3, "resultat": "ordinaert_job"}, format="json"
    )
    assert svar.status_code == 201, svar.content
    liste = klient.get(_url(forloeb, "resultater/")).json()
    assert [(r["maaned"], r["resultat"]) for r in liste] == [(3, "ordinaert_job")]


def test_resultat_foer_det_er_tid_afvises(afsluttet_for_fire_maaneder_siden):
    forloeb = afsluttet_for_fire_maaneder_siden
    svar = api_client(forloeb.sagsbehandler).post(
        _url(forloeb, "resultater/"), {"maaned": 6, "resultat": "uddannelse"}, format="json"
    )
    assert "først registreres" in _fejl(svar, "maaned")


def test_resultat_for_aktivt_forloeb_og_ukendt_maaned_afvises(verden):
    forloeb = verden.forloeb["eget"]
    klient = verden.klient("sagsbehandler")
    svar = klient.post(
        _url(forloeb, "resultater/"), {"maaned": 3, "resultat": "andet"}, format="json"
    )
    assert "efter afslutning" in _fejl(svar, "maaned")
    svar = klient.post(
        _url(forloeb, "resultater/"), {"maaned": 4, "resultat": "andet"}, format="json"
    )
    _fejl(svar, "maaned")


def test_afsluttet_forloeb_kan_ikke_rettes(afsluttet_for_fire_maaneder_siden):
    forloeb = afsluttet_for_fire_maaneder_siden
    forloeb.refresh_from_db()
    svar = api_client(forloeb.sagsbehandler).patch(
        _url(forloeb), {"version": forloeb.version, "maal": "X"}, format="json"
    )
    assert "afsluttet" in _fejl(svar, "non_field_errors")
