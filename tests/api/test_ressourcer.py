"""Each resource's happy path through the API, as an integrating system would use it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.models import Adgangslog, Handling
from forloeb.models import Forloeb, Status
from tests.factories import PASSWORD, cpr_for, mentor_with_login, user_with_role
from tidsregistrering.models import Ugeregistrering

from .conftest import api_client, forrige_mandag

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def test_token_udstedes_for_korrekt_login_og_virker_som_authorization(verden):
    user = verden.brugere["sagsbehandler"]
    svar = api_client().post(
        f"{V1}/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert svar.status_code == 200
    token = svar.json()["token"]
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"{V1}/forloeb/").status_code == 200
    assert api_client().get(f"{V1}/forloeb/").status_code in (401, 403)


def test_forkert_adgangskode_giver_400_uden_token(verden):
    user = verden.brugere["sagsbehandler"]
    svar = api_client().post(
        f"{V1}/auth/token/", {"username": user.username, "password": "forkert"}, format="json"
    )
    assert svar.status_code == 400
    assert "token" not in svar.json()


def test_mislykkede_logins_laaser_brugeren_via_axes(verden, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = verden.brugere["sagsbehandler"]
    client = api_client()
    for _i in range(3):
        client.post(
            f"{V1}/auth/token/", {"username": user.username, "password": "forkert"}, format="json"
        )
    # Locked: even the right password is refused now.
    svar = client.post(
        f"{V1}/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert svar.status_code in (403, 429)
    assert "token" not in (svar.content.decode())


def test_tokenendpoint_er_droslet(verden):
    cache.clear()
    client = api_client()
    statuses = [
        client.post(
            f"{V1}/auth/token/", {"username": f"x{i}", "password": "y"}, format="json"
        ).status_code
        for i in range(25)
    ]
    assert 429 in statuses
    cache.clear()


def test_borger_oprettes_med_cpr_og_vises_kun_maskeret(sagsbehandler_klient):
    svar = sagsbehandler_klient.post(
        f"{V1}/borgere/",
        {"cpr": "020285-1235", "navn": "Sofie Holm", "ydelsesgruppe": "kontanthjaelp"},
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    data = svar.json()
    assert data["cpr_maskeret"] == "020285-xxxx"
    assert "cpr" not in data
    assert "1235" not in svar.content.decode()
    detalje = sagsbehandler_klient.get(f"{V1}/borgere/{data['id']}/")
    assert detalje.status_code == 200
    assert detalje.json()["navn"] == "Sofie Holm"


def test_borgerdetalje_skrives_i_adgangsloggen_med_borgeren(verden, sagsbehandler_klient):
    borger = verden.forloeb["eget"].borger
    sagsbehandler_klient.get(f"{V1}/borgere/{borger.pk}/")
    log = Adgangslog.objects.filter(bruger=verden.brugere["sagsbehandler"]).latest("pk")
    assert log.handling == Handling.API_LAES
    assert log.borger_id == borger.pk


def test_borgerliste_skrives_som_en_raekke_i_adgangsloggen(verden, sagsbehandler_klient):
    foer = Adgangslog.objects.count()
    svar = sagsbehandler_klient.get(f"{V1}/borgere/")
    assert svar.status_code == 200
    assert Adgangslog.objects.count() == foer + 1
    log = Adgangslog.objects.latest("pk")
    assert log.handling == Handling.API_LAES and log.borger_id is None
    assert "borgere" in log.beskrivelse


def test_borgersoegning_paa_navn(verden, sagsbehandler_klient):
    borger = verden.forloeb["eget"].borger
    svar = sagsbehandler_klient.get(f"{V1}/borgere/", {"q": borger.navn[:5]})
    assert borger.pk in [b["id"] for b in svar.json()["results"]]


def test_cpr_soegning_med_post_findes_og_logges(verden, sagsbehandler_klient):
    borger = verden.forloeb["andet_team"].borger
    svar = sagsbehandler_klient.post(
        f"{V1}/borgere/soeg/", {"cpr": borger.cpr_fuldt()}, format="json"
    )
    assert svar.status_code == 200
    assert [b["id"] for b in svar.json()] == [borger.pk]
    log = Adgangslog.objects.latest("pk")
    assert log.handling == Handling.SOEG_CPR and log.borger_id == borger.pk


def test_cpr_i_querystring_afvises_saa_det_ikke_logges_af_webserveren(sagsbehandler_klient):
    svar = sagsbehandler_klient.get(f"{V1}/borgere/", {"cpr": "0101901234"})
    assert svar.status_code == 400
    assert "cpr" in svar.json()


def test_mentorer_viser_belastning_og_kapacitet(verden, sagsbehandler_klient):
    mentor = verden.forloeb["eget"].mentor
    svar = sagsbehandler_klient.get(f"{V1}/mentorer/")
    rows = {m["id"]: m for m in svar.json()["results"]}
    assert rows[mentor.pk]["belastning"] == 1
    assert rows[mentor.pk]["kapacitet"] == mentor.kapacitet


def test_forloeb_oprettes_bevilges_og_afsluttes_via_api(verden, sagsbehandler_klient):
    c = sagsbehandler_klient
    borger = c.post(
        f"{V1}/borgere/",
        {"cpr": cpr_for(77), "navn": "Ali Berg", "ydelsesgruppe": "kontanthjaelp"},
        format="json",
    ).json()
    mentor = verden.ledige_mentorer["eget"]
    svar = c.post(
        f"{V1}/forloeb/",
        {
            "borger": borger["id"],
            "mentor": mentor.pk,
            "formaal": "uddannelse",
            "maal": "Starter på HF til august.",
            "opgaver": "Struktur i hverdagen.",
            "lovgrundlag": "generel",
        },
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    forloeb = svar.json()
    assert forloeb["mentor"] == mentor.pk and forloeb["team"] == verden.team.pk
    assert forloeb["status"] == Status.KLADDE
    url = f"{V1}/forloeb/{forloeb['id']}"
    start = timezone.localdate() - dt.timedelta(days=14)
    bevilling = c.post(
        f"{url}/bevillinger/",
        {
            "start": start.isoformat(),
            "slut": (start + dt.timedelta(days=90)).isoformat(),
            "timer_pr_uge": "2.5",
            "kvalifikationer": "Uddannet socialrådgiver.",
        },
        format="json",
    )
    assert bevilling.status_code == 201, bevilling.json()
    assert bevilling.json()["aftale"]["mentor_navn"] == mentor.navn
    assert c.get(f"{url}/").json()["status"] == Status.AKTIV
    assert len(c.get(f"{url}/bevillinger/").json()) == 1

    moede = c.post(
        f"{url}/moeder/",
        {"type": "opstart", "dato": start.isoformat(), "deltagere": ["borger", "mentor"]},
        format="json",
    )
    assert moede.status_code == 201, moede.json()
    opf = c.post(
        f"{url}/opfoelgninger/",
        {"dato": timezone.localdate().isoformat(), "leveret": "ja", "kontakt_som_bevilget": True},
        format="json",
    )
    assert opf.status_code == 201, opf.json()
    ny_mentor = mentor_with_login(verden.team)
    skift = c.post(
        f"{url}/mentorskift/",
        {
            "mentor": ny_mentor.pk,
            "fra": timezone.localdate().isoformat(),
            "begrundelse": "Borgeren ønsker en mandlig mentor.",
            "kvalifikationer": "Erfaren med unge mænd og struktur.",
        },
        format="json",
    )
    assert skift.status_code == 201, skift.json()
    assert c.get(f"{url}/").json()["mentor"] == ny_mentor.pk
    assert len(c.get(f"{url}/mentorskift/").json()) == 2
    afslut = c.post(
        f"{url}/afslut/",
        {
            "dato": timezone.localdate().isoformat(),
            "aarsag": "uddannelse",
            "borger_vurdering": 4,
            "mentor_vurdering": 5,
        },
        format="json",
    )
    assert afslut.status_code == 201, afslut.json()
    assert Forloeb.objects.get(pk=forloeb["id"]).status == Status.AFSLUTTET


def test_forloeb_filtre(verden):
    c = verden.klient("mentorkoordinator")
    andet = verden.forloeb["andet_team"]
    ids = lambda params: [f["id"] for f in c.get(f"{V1}/forloeb/", params).json()["results"]]  # noqa: E731
    assert ids({"team": andet.team_id}) == [andet.pk]
    assert ids({"sagsbehandler": andet.sagsbehandler_id}) == [andet.pk]
    assert ids({"mentor": andet.mentor_id}) == [andet.pk]
    assert ids({"status": "afsluttet"}) == []
    assert set(ids({"status": "aktiv"})) == {verden.forloeb["eget"].pk, andet.pk}


def test_koordinator_ser_kun_overskrifter(verden):
    forloeb = verden.forloeb["eget"]
    data = verden.klient("mentorkoordinator").get(f"{V1}/forloeb/{forloeb.pk}/").json()
    assert data["maal"] is None and data["opgaver"] is None
    assert data["formaal"] == forloeb.formaal
    sb = verden.klient("sagsbehandler").get(f"{V1}/forloeb/{forloeb.pk}/").json()
    assert sb["maal"] == forloeb.maal


def test_mentor_registrerer_en_uge_og_ser_den_i_listen(verden):
    forloeb = verden.forloeb["eget"]
    c = verden.klient("mentor")
    today = timezone.localdate()
    aar, uge, _d = today.isocalendar()
    svar = c.post(
        f"{V1}/ugeregistreringer/",
        {
            "forloeb": forloeb.pk,
            "aar": aar,
            "uge": uge,
            "kontakter": [
                {"dato": today.isoformat(), "minutter": 45, "form": "telefon", "emner": ["bolig"]}
            ],
        },
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    assert svar.json()["minutter_i_alt"] == 45
    liste = c.get(f"{V1}/ugeregistreringer/", {"forloeb": forloeb.pk, "aar": aar, "uge": uge})
    assert [r["id"] for r in liste.json()["results"]] == [svar.json()["id"]]


def test_ingen_kontakt_uge_registreres_med_aarsag(verden):
    forloeb = verden.forloeb["eget"]
    mandag = forrige_mandag() - dt.timedelta(weeks=1)
    aar, uge, _d = mandag.isocalendar()
    svar = verden.klient("mentor").post(
        f"{V1}/ugeregistreringer/",
        {"forloeb": forloeb.pk, "aar": aar, "uge": uge, "ingen_kontakt_aarsag": "udeblev"},
        format="json",
    )
    assert svar.status_code == 201, svar.json()
    assert svar.json()["ingen_kontakt_aarsag"] == "udeblev"


def test_ugeregistreringer_filtreres_paa_ugeinterval(verden):
    c = verden.klient("sagsbehandler")
    mandag = forrige_mandag()
    aar, uge, _d = mandag.isocalendar()
    egen = verden.registreringer["eget"].pk
    fra = c.get(f"{V1}/ugeregistreringer/", {"fra_uge": f"{aar}-W{uge:02d}"}).json()
    assert [r["id"] for r in fra["results"]] == [egen]
    efter = (mandag + dt.timedelta(weeks=1)).isocalendar()
    tom = c.get(f"{V1}/ugeregistreringer/", {"fra_uge": f"{efter[0]}-W{efter[1]:02d}"}).json()
    assert tom["results"] == []
    assert c.get(f"{V1}/ugeregistreringer/", {"til_uge": "nonsens"}).status_code == 400


def test_sagsbehandler_godkender_en_uge(verden):
    registrering = verden.registreringer["eget"]
    svar = verden.klient("sagsbehandler").post(f"{V1}/ugeregistreringer/{registrering.pk}/godkend/")
    assert svar.status_code == 200, svar.json()
    assert Ugeregistrering.objects.get(pk=registrering.pk).godkendt is not None


def test_koordinatoren_ser_ikke_ugernes_kontakter_og_emner(verden):
    registrering = verden.registreringer["eget"]
    svar = verden.klient("mentorkoordinator").get(f"{V1}/ugeregistreringer/{registrering.pk}/")
    assert svar.status_code == 404
    data = verden.klient("sagsbehandler").get(f"{V1}/ugeregistreringer/{registrering.pk}/")
    assert data.json()["kontakter"][0]["emner"] == ["helbred"]


def test_sidestoerrelse_kan_vaelges_op_til_max(verden):
    c = verden.klient("mentorkoordinator")
    assert c.get(f"{V1}/forloeb/", {"page_size": 1}).json()["next"] is not None
    assert c.get(f"{V1}/forloeb/", {"page_size": 100000}).status_code == 200


def test_dashboard_for_teamleder(verden):
    svar = verden.klient("teamleder").get(f"{V1}/dashboard/")
    assert svar.status_code == 200, svar.content
    assert svar.json()["aktive"] == 1


def test_dashboard_afviser_andre_end_teamledere(verden):
    assert verden.klient("sagsbehandler").get(f"{V1}/dashboard/").status_code == 403


def test_schema_og_swagger_virker_uden_internet(verden):
    client = api_client()
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/forloeb/{id}/bevillinger/" in schema.content
    docs = api_client(verden.brugere["sagsbehandler"])
    docs.force_login(verden.brugere["sagsbehandler"])
    side = docs.get("/api/docs/")
    assert side.status_code == 200
    html = side.content.decode()
    assert "cdn" not in html.lower()
    assert docs.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_teamleder_uden_rolle_i_andet_team_faar_ikke_dashboard_for_det(verden):
    andet = verden.forloeb["andet_team"].team
    svar = verden.klient("teamleder").get(f"{V1}/dashboard/", {"team": andet.pk})
    assert svar.status_code == 404


def test_bruger_i_to_teams_skal_vaelge_team(verden):
    user = user_with_role("sagsbehandler", team=verden.team)
    user.teams.add(verden.forloeb["andet_team"].team)
    svar = api_client(user).post(
        f"{V1}/forloeb/",
        {"borger": verden.forloeb["eget"].borger_id, "formaal": "tilbud"},
        format="json",
    )
    assert svar.status_code == 400
    assert "team" in svar.json()
