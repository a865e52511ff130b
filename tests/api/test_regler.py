"""Every rule of the forløb and tidsregistrering services, refused through the API with a
400 that names the field and carries the service's Danish message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from forloeb import services
from forloeb.models import Lovgrundlag, MentorType
from tests.factories import (
    BorgerFactory,
    ForloebFactory,
    MentorFactory,
    aktivt_forloeb,
    mentor_with_login,
    user_with_role,
)
from tidsregistrering.models import Ugeregistrering

from .conftest import api_client, forrige_mandag

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _fejl(svar, felt: str) -> str:
    assert svar.status_code == 400, (svar.status_code, svar.content)
    body = svar.json()
    assert felt in body, body
    return " ".join(str(m) for m in body[felt])


# --- Grant periods -----------------------------------------------------------------------


@pytest.fixture
def forloeb_med_mentor(db):
    forloeb = ForloebFactory()
    services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=mentor_with_login(forloeb.team),
        fra=dt.date(2026, 1, 1),
    )
    return forloeb


def _bevilg(forloeb, **body):
    data = {
        "start": "2026-01-01",
        "slut": "2026-06-30",
        "timer_pr_uge": "2",
        "kvalifikationer": "Erfaren.",
        **body,
    }
    return api_client(forloeb.sagsbehandler).post(
        f"{V1}/forloeb/{forloeb.pk}/bevillinger/", data, format="json"
    )


def test_periode_paa_seks_maaneder_bevilges(forloeb_med_mentor):
    assert _bevilg(forloeb_med_mentor, slut="2026-06-30").status_code == 201


def test_periode_over_seks_maaneder_afvises(forloeb_med_mentor):
    besked = _fejl(_bevilg(forloeb_med_mentor, slut="2026-07-01"), "slut")
    assert "højst vare 6 måneder" in besked and "30.06.2026" in besked


def test_syv_maaneders_periode_afvises(forloeb_med_mentor):
    _fejl(_bevilg(forloeb_med_mentor, slut="2026-07-31"), "slut")


def test_slut_foer_start_afvises(forloeb_med_mentor):
    assert "før startdatoen" in _fejl(_bevilg(forloeb_med_mentor, slut="2025-12-31"), "slut")


def test_overlappende_periode_afvises(forloeb_med_mentor):
    assert _bevilg(forloeb_med_mentor).status_code == 201
    svar = _bevilg(forloeb_med_mentor, start="2026-06-01", slut="2026-08-01", vurdering="x")
    assert "overlapper" in _fejl(svar, "start")


def test_ny_periode_uden_vurdering_afvises(forloeb_med_mentor):
    assert _bevilg(forloeb_med_mentor).status_code == 201
    svar = _bevilg(forloeb_med_mentor, start="2026-07-01", slut="2026-09-30")
    assert "konkret vurdering" in _fejl(svar, "vurdering")


@pytest.mark.parametrize("timer", ["0", "-1", "37.01"])
def test_timer_uden_for_0_til_37_afvises(forloeb_med_mentor, timer):
    assert "højst 37" in _fejl(_bevilg(forloeb_med_mentor, timer_pr_uge=timer), "timer_pr_uge")


def test_37_timer_bevilges(forloeb_med_mentor):
    assert _bevilg(forloeb_med_mentor, timer_pr_uge="37").status_code == 201


def test_bevilling_uden_kvalifikationer_afvises(forloeb_med_mentor):
    _fejl(_bevilg(forloeb_med_mentor, kvalifikationer=""), "kvalifikationer")


def test_bevilling_uden_mentor_afvises(db):
    forloeb = ForloebFactory()
    assert "ingen mentor" in _fejl(_bevilg(forloeb), "mentor")


@pytest.mark.parametrize("felt", ["formaal", "maal", "opgaver"])
def test_bevilling_uden_formaal_maal_eller_opgaver_afvises(db, felt):
    forloeb = ForloebFactory(**{felt: ""})
    services.tildel_mentor(
        user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor_with_login(forloeb.team)
    )
    assert "LAB § 167" in _fejl(_bevilg(forloeb), felt)


def test_virksomhedsmentor_kraever_vurdering_af_det_saedvanlige(db):
    forloeb = ForloebFactory()
    mentor = MentorFactory(organisation=forloeb.organisation, type=MentorType.VIRKSOMHED)
    services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor)
    _fejl(_bevilg(forloeb), "ud_over_normalt")


def test_psykiatri_foerste_periode_hoejst_tre_maaneder_foer_udskrivning(db):
    forloeb = ForloebFactory(
        lovgrundlag=Lovgrundlag.PSYKIATRI, udskrivningsdato=dt.date(2026, 4, 1)
    )
    services.tildel_mentor(
        user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor_with_login(forloeb.team)
    )
    assert "3 måneder før udskrivning" in _fejl(
        _bevilg(forloeb, start="2025-12-31", slut="2026-06-29"), "start"
    )
    assert _bevilg(forloeb, start="2026-01-01", slut="2026-06-30").status_code == 201


def test_afsluttet_forloeb_faar_ingen_ny_periode(forloeb_med_mentor):
    assert _bevilg(forloeb_med_mentor).status_code == 201
    c = api_client(forloeb_med_mentor.sagsbehandler)
    afslut = c.post(
        f"{V1}/forloeb/{forloeb_med_mentor.pk}/afslut/",
        {"dato": "2026-03-01", "aarsag": "job", "borger_vurdering": 4, "mentor_vurdering": 4},
        format="json",
    )
    assert afslut.status_code == 201, afslut.json()
    svar = _bevilg(forloeb_med_mentor, start="2026-07-01", slut="2026-09-30", vurdering="x")
    assert "afsluttet" in _fejl(svar, "non_field_errors")


# --- Courses, mentors, end ---------------------------------------------------------------


def _opret(user, **body):
    return api_client(user).post(f"{V1}/forloeb/", body, format="json")


def test_psykiatri_uden_udskrivningsdato_afvises(db):
    sb = user_with_role("sagsbehandler")
    borger = BorgerFactory(organisation=sb.organisation)
    svar = _opret(sb, borger=borger.pk, formaal="tilbud", lovgrundlag="psykiatri")
    assert "udskrivningsdato" in _fejl(svar, "udskrivningsdato").lower()


def test_ukendt_formaal_afvises_med_feltnavn(db):
    sb = user_with_role("sagsbehandler")
    borger = BorgerFactory(organisation=sb.organisation)
    _fejl(_opret(sb, borger=borger.pk, formaal="ferie"), "formaal")


def test_mentor_uden_kapacitet_afvises_uden_begrundelse(db):
    sb = user_with_role("sagsbehandler")
    borger = BorgerFactory(organisation=sb.organisation)
    mentor = MentorFactory(organisation=sb.organisation, aktiv=False)
    svar = _opret(sb, borger=borger.pk, formaal="tilbud", mentor=mentor.pk)
    assert "ikke aktiv" in _fejl(svar, "mentor")
    # Nothing half-made: the course was not created either.
    assert not borger.forloeb.exists()
    svar = _opret(
        sb,
        borger=borger.pk,
        formaal="tilbud",
        mentor=mentor.pk,
        tilsidesaet_begrundelse="Kender borgeren i forvejen.",
    )
    assert svar.status_code == 201, svar.json()


def test_mentorskift_uden_begrundelse_afvises(forloeb_med_mentor):
    ny = MentorFactory(organisation=forloeb_med_mentor.organisation)
    svar = api_client(forloeb_med_mentor.sagsbehandler).post(
        f"{V1}/forloeb/{forloeb_med_mentor.pk}/mentorskift/", {"mentor": ny.pk}, format="json"
    )
    assert "begrundelse" in _fejl(svar, "begrundelse")


def test_afslutning_kraever_aarsag_og_begge_vurderinger(db):
    forloeb = aktivt_forloeb()
    svar = api_client(forloeb.sagsbehandler).post(
        f"{V1}/forloeb/{forloeb.pk}/afslut/",
        {"dato": timezone.localdate().isoformat(), "aarsag": "", "borger_vurdering": 6},
        format="json",
    )
    body = svar.json()
    assert svar.status_code == 400
    assert {"aarsag", "borger_vurdering", "mentor_vurdering"} <= set(body)


def test_en_kladde_kan_ikke_afsluttes_og_faar_ingen_opfoelgning(forloeb_med_mentor):
    klient = api_client(forloeb_med_mentor.sagsbehandler)
    url = f"{V1}/forloeb/{forloeb_med_mentor.pk}"
    idag = timezone.localdate().isoformat()
    svar = klient.post(
        f"{url}/afslut/",
        {"dato": idag, "aarsag": "job", "borger_vurdering": 3, "mentor_vurdering": 3},
        format="json",
    )
    assert "annullér" in _fejl(svar, "aarsag")
    svar = klient.post(
        f"{url}/opfoelgninger/",
        {"dato": idag, "leveret": "ja", "kontakt_som_bevilget": True},
        format="json",
    )
    assert "kladde" in _fejl(svar, "non_field_errors")


def test_opfoelgning_i_fremtiden_afvises(db):
    forloeb = aktivt_forloeb()
    svar = api_client(forloeb.sagsbehandler).post(
        f"{V1}/forloeb/{forloeb.pk}/opfoelgninger/",
        {
            "dato": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "leveret": "ja",
            "kontakt_som_bevilget": True,
        },
        format="json",
    )
    assert "fremtiden" in _fejl(svar, "dato")


# --- Citizens ----------------------------------------------------------------------------


def test_ugyldigt_cpr_afvises_paa_feltet_cpr(db):
    sb = user_with_role("sagsbehandler")
    svar = api_client(sb).post(
        f"{V1}/borgere/",
        {"cpr": "320190-1234", "navn": "X", "ydelsesgruppe": "su"},
        format="json",
    )
    assert "fødselsdato" in _fejl(svar, "cpr")


def test_dobbelt_cpr_afvises(db):
    sb = user_with_role("sagsbehandler")
    body = {"cpr": "010190-1111", "navn": "X", "ydelsesgruppe": "su"}
    assert api_client(sb).post(f"{V1}/borgere/", body, format="json").status_code == 201
    svar = api_client(sb).post(f"{V1}/borgere/", body, format="json")
    assert "findes allerede" in _fejl(svar, "cpr")


def test_borgerens_oensker_til_mentor_gemmes_gennem_samme_service_og_en_ukendt_afvises(db):
    sb = user_with_role("sagsbehandler")
    body = {"cpr": "010190-2222", "navn": "X", "ydelsesgruppe": "su", "oensket_koen": "kvinde"}
    svar = api_client(sb).post(f"{V1}/borgere/", body, format="json")
    assert svar.status_code == 201
    assert (svar.json()["oensket_koen"], svar.json()["oensket_alder"]) == ("kvinde", "")
    body = {"cpr": "010190-3333", "navn": "Y", "ydelsesgruppe": "su", "oensket_alder": "gammel"}
    svar = api_client(sb).post(f"{V1}/borgere/", body, format="json")
    assert svar.status_code == 400 and _fejl(svar, "oensket_alder")


# --- Week registrations ------------------------------------------------------------------


@pytest.fixture
def uge_forloeb(verden):
    return verden.forloeb["eget"]


def _uge(forloeb, mandag, kontakter=None, user=None, **extra):
    aar, uge, _d = mandag.isocalendar()
    body = {"forloeb": forloeb.pk, "aar": aar, "uge": uge, **extra}
    if kontakter is not None:
        body["kontakter"] = kontakter
    return api_client(user or forloeb.mentor.bruger).post(
        f"{V1}/ugeregistreringer/", body, format="json"
    )


def _kontakt(dato, minutter=60):
    return {"dato": dato.isoformat(), "minutter": minutter, "form": "fysisk", "emner": []}


def test_kontakt_uden_for_ugen_afvises(uge_forloeb):
    mandag = forrige_mandag()
    svar = _uge(uge_forloeb, mandag, [_kontakt(mandag - dt.timedelta(days=1))])
    assert "ligger ikke i uge" in _fejl(svar, "kontakter")


def test_fremtidig_uge_afvises(uge_forloeb):
    mandag = forrige_mandag() + dt.timedelta(weeks=2)
    svar = _uge(uge_forloeb, mandag, ingen_kontakt_aarsag="ferie")
    assert "ikke begyndt" in _fejl(svar, "uge")


def test_uge_uden_for_bevilget_periode_afvises(uge_forloeb):
    mandag = uge_forloeb.bevillinger.get().start - dt.timedelta(weeks=2)
    mandag -= dt.timedelta(days=mandag.isoweekday() - 1)
    svar = _uge(uge_forloeb, mandag, ingen_kontakt_aarsag="ferie")
    assert "uden for forløbets bevilgede perioder" in _fejl(svar, "uge")


def test_37_timer_godtages_og_37_timer_1_minut_afvises(uge_forloeb):
    mandag = forrige_mandag()
    dage = [mandag + dt.timedelta(days=i) for i in range(5)]
    fuld = [_kontakt(d, 444) for d in dage]  # 5 × 444 = 2220 min = 37 h
    assert _uge(uge_forloeb, mandag, fuld, version=1).status_code == 201
    for_meget = [*fuld[:4], _kontakt(dage[4], 445)]
    svar = _uge(uge_forloeb, mandag, for_meget, version=2)
    assert "Højst 37 timer" in _fejl(svar, "kontakter")


def test_nul_minutter_afvises(uge_forloeb):
    mandag = forrige_mandag()
    assert "mere end 0" in _fejl(_uge(uge_forloeb, mandag, [_kontakt(mandag, 0)]), "kontakter")


def test_kontakter_og_aarsag_paa_samme_tid_afvises(uge_forloeb):
    mandag = forrige_mandag() - dt.timedelta(weeks=1)
    svar = _uge(uge_forloeb, mandag, [_kontakt(mandag)], ingen_kontakt_aarsag="syg")
    _fejl(svar, "ingen_kontakt_aarsag")


def test_hverken_kontakter_eller_aarsag_afvises(uge_forloeb):
    _fejl(_uge(uge_forloeb, forrige_mandag() - dt.timedelta(weeks=1)), "kontakter")


def test_tidligere_mentor_kan_ikke_registrere_efter_skift(verden):
    forloeb = verden.forloeb["eget"]
    gammel = forloeb.mentor.bruger
    ny = mentor_with_login(verden.team)
    skift = timezone.localdate() - dt.timedelta(days=timezone.localdate().isoweekday() - 1)
    services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=ny,
        fra=skift,
        begrundelse="Ny",
        kvalifikationer="Erfaren med målgruppen.",
    )
    svar = _uge(forloeb, skift, [_kontakt(timezone.localdate())], user=gammel)
    assert "ikke mentor" in _fejl(svar, "uge")


def test_godkendt_uge_er_laast(verden):
    registrering = verden.registreringer["eget"]
    forloeb = verden.forloeb["eget"]
    assert (
        verden.klient("sagsbehandler")
        .post(f"{V1}/ugeregistreringer/{registrering.pk}/godkend/")
        .status_code
        == 200
    )
    svar = _uge(
        forloeb,
        forrige_mandag(),
        [_kontakt(forrige_mandag(), 90)],
        version=registrering.version + 1,
    )
    assert svar.status_code == 409, svar.content
    assert "låst" in " ".join(svar.json()["non_field_errors"])


def test_dobbelt_indsendelse_giver_en_raekke(uge_forloeb):
    mandag = forrige_mandag() - dt.timedelta(weeks=1)
    a = _uge(uge_forloeb, mandag, [_kontakt(mandag)])
    b = _uge(uge_forloeb, mandag, [_kontakt(mandag)])
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] == b.json()["id"]
    aar, uge, _d = mandag.isocalendar()
    assert Ugeregistrering.objects.filter(forloeb=uge_forloeb, aar=aar, uge=uge).count() == 1
