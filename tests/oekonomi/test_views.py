"""The economy screens, files and API: who may see and do what, and the same figures
everywhere (the PDF read with pypdf, the spreadsheet with openpyxl)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from core.models import Adgangslog, Handling
from forloeb.models import Mentor
from oekonomi.models import Afregning
from organisation.models import Rolle
from tests.factories import TeamFactory, user_with_role

from .conftest import D, klokken

pytestmark = pytest.mark.django_db


def _url(s, name="oekonomi:afregning", **extra):
    kwargs = {"leverandoer": s.leverandoer.pk, "team": s.team.pk, "aar": 2026, "maaned": 3}
    return reverse(name, kwargs=kwargs | extra)


def test_oversigten_viser_maanedens_afregninger(marts_kladde, client):
    s = marts_kladde
    client.force_login(s.teamleder)
    with klokken(D(2026, 4, 8)):
        response = client.get(reverse("oekonomi:afregninger"), {"maaned": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mentorhuset ApS" in html and "7.391,67 kr." in html and "Kladde" in html
    assert s.a.borger.navn not in html and s.b.borger.navn not in html


def test_ugyldig_maaned_giver_dansk_fejl(marts_kladde, client):
    client.force_login(marts_kladde.oekonom)
    response = client.get(reverse("oekonomi:afregninger"), {"maaned": "2026-13"})
    assert response.status_code == 400
    assert "Angiv måneden som ÅÅÅÅ-MM" in response.content.decode()


def test_teamlederen_godkender_paa_skaermen(marts_kladde, client):
    s = marts_kladde
    client.force_login(s.teamleder)
    with klokken(D(2026, 4, 8)):
        side = client.get(_url(s))
        assert side.status_code == 200 and "Godkend og lås (7.391,67 kr.)" in side.content.decode()
        fingeraftryk = side.context["form"].initial["fingeraftryk"]
        forkert = client.post(_url(s), {"fingeraftryk": "gammelt"})
        assert forkert.status_code == 400
        assert "Afregningen er ændret" in forkert.content.decode()
        svar = client.post(_url(s), {"fingeraftryk": fingeraftryk}, follow=True)
    assert "Godkendt og låst" in svar.content.decode()
    assert Afregning.objects.get().godkendt_af == s.teamleder


def test_oekonomi_ser_men_godkender_ikke(marts_kladde, client):
    s = marts_kladde
    client.force_login(s.oekonom)
    with klokken(D(2026, 4, 8)):
        side = client.get(_url(s))
        assert side.status_code == 200 and "Godkend og lås" not in side.content.decode()
        assert client.post(_url(s), {"fingeraftryk": "x"}).status_code == 403
    assert not Afregning.objects.exists()


@pytest.mark.parametrize("rolle", [Rolle.SAGSBEHANDLER, Rolle.MENTOR, Rolle.MENTORKOORDINATOR])
def test_andre_roller_ser_ingen_oekonomi(marts_kladde, client, rolle):
    client.force_login(user_with_role(rolle, team=marts_kladde.team))
    for url in (reverse("oekonomi:afregninger"), _url(marts_kladde), reverse("oekonomi:budget")):
        assert client.get(url).status_code == 403


def test_leder_af_et_andet_team_faar_404(marts_kladde, client):
    fremmed = user_with_role(
        Rolle.TEAMLEDER, team=TeamFactory(organisation=marts_kladde.team.organisation)
    )
    client.force_login(fremmed)
    assert client.get(_url(marts_kladde)).status_code == 404
    assert client.get(_url(marts_kladde, maaned=13)).status_code == 404


def test_pdf_til_leverandoeren(marts, client):
    s = marts
    client.force_login(s.oekonom)
    with klokken(D(2026, 4, 9)):
        response = client.get(_url(s, "oekonomi:afregning_eksport", format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mentorhuset ApS" in tekst and "12345678" in tekst
    assert "7.391,67 kr." in tekst and "Godkendt 08.04.2026" in tekst
    assert "Eva Ekstern" in tekst and s.a.borger.navn not in tekst
    assert "Afventer godkendelse" in tekst  # B's week 13
    log = Adgangslog.objects.get(handling=Handling.EKSPORT)
    assert log.bruger == s.oekonom and "12345678" in log.beskrivelse


def test_csv_og_xlsx_til_oekonomi(marts, client):
    s = marts
    client.force_login(s.oekonom)
    with klokken(D(2026, 4, 9)):
        csv_svar = client.get(_url(s, "oekonomi:afregning_eksport", format="csv"))
        xlsx_svar = client.get(_url(s, "oekonomi:afregning_eksport", format="xlsx"))
        json_svar = client.get(_url(s, "oekonomi:afregning_eksport", format="json"))
    rows = list(csv.reader(io.StringIO(csv_svar.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Linje", "Leverandør", "CVR"]
    uger = [r for r in rows[1:] if r[0] == "Uge"]
    assert len(uger) == 7 and sum(Decimal(r[14].replace(",", ".")) for r in uger) == Decimal(
        "7391.67"
    )
    assert [r[0] for r in rows[1:]].count("Ikke godkendt") == 1
    ark = load_workbook(io.BytesIO(xlsx_svar.content), read_only=True).active
    xrows = list(ark.iter_rows(values_only=True))
    assert xrows[0] == tuple(rows[0])
    beloeb = [r[14] for r in xrows[1:] if r[0] == "Uge"]
    assert all(isinstance(b, int | float) for b in beloeb)
    assert round(sum(beloeb), 2) == 7391.67
    assert json_svar.status_code == 404


def test_filerne_goer_formler_til_tekst_men_beholder_tal(marts, client):
    s = marts
    Mentor.objects.filter(pk=s.e.pk).update(navn='=HYPERLINK("x")')
    client.force_login(s.oekonom)
    with klokken(D(2026, 4, 9)):
        csv_svar = client.get(_url(s, "oekonomi:afregning_eksport", format="csv"))
        xlsx_svar = client.get(_url(s, "oekonomi:afregning_eksport", format="xlsx"))
    rows = list(csv.reader(io.StringIO(csv_svar.content.decode("utf-8-sig")), delimiter=";"))
    assert '=HYPERLINK("x")' not in {r[6] for r in rows[1:]}
    assert '\'=HYPERLINK("x")' in {r[6] for r in rows[1:]}
    xrows = list(load_workbook(io.BytesIO(xlsx_svar.content), read_only=True).active.values)
    assert '\'=HYPERLINK("x")' in {r[6] for r in xrows[1:]}
    assert all(isinstance(r[14], int | float) for r in xrows[1:] if r[0] == "Uge")


def test_en_negativ_korrektion_forbliver_et_tal():
    from core.eksport import celle
    from oekonomi.eksport import _csv_vaerdi

    assert celle(Decimal("-12.50")) == Decimal("-12.50")
    assert _csv_vaerdi(Decimal("-12.5")) == "-12,50"
    assert celle(-3) == -3 and celle(None) is None
    assert celle("-3") == "'-3" and celle("Anna") == "Anna"
    assert celle("\r=1") == "'\r=1" and celle("\t=1") == "'\t=1"


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_giver_samme_tal(marts, client):
    s = marts
    with klokken(D(2026, 4, 9)):
        svar = _api(s.teamleder).get("/api/v1/afregninger/", {"maaned": "2026-03"})
    assert svar.status_code == 200
    (a,) = svar.json()["afregninger"]
    assert (a["status"], a["i_alt"], a["beloeb"], a["leverandoer"]["cvr"]) == (
        "godkendt", "7391.67", "7391.67", "12345678"
    )  # fmt: skip
    assert len(a["linjer"]) == 7 and len(a["ikke_godkendte_uger"]) == 1
    uge12 = [k for k in a["linjer"] if k["forloeb"] == s.a.pk and k["uge"] == 12]
    assert uge12[0]["bevilgede_timer"] == "1.29" and uge12[0]["timepris"] == "550.00"
    assert Adgangslog.objects.filter(bruger=s.teamleder, handling=Handling.API_LAES).exists()


def test_api_filtre_og_fejl(marts):
    s = marts
    api = _api(s.oekonom)
    assert api.get("/api/v1/afregninger/").json() == {
        "maaned": ["Angiv måneden som ÅÅÅÅ-MM, fx 2026-03."]
    }
    assert (
        api.get("/api/v1/afregninger/", {"maaned": "2026-03", "leverandoer": "x"}).status_code
        == 400
    )
    tom = api.get("/api/v1/afregninger/", {"maaned": "2026-03", "leverandoer": 999999})
    assert tom.json()["afregninger"] == []
    assert api.get("/api/v1/afregninger/", {"maaned": "2026-03", "team": 999999}).status_code == 404
    assert api.get("/api/v1/afregninger/", {"maaned": "2026-03"}).json()["afregninger"]
    mentor = _api(s.e.bruger)
    assert mentor.get("/api/v1/afregninger/", {"maaned": "2026-03"}).status_code == 403


def test_leverandoer_og_kontrakt_paa_skaermen(db, client):
    oekonom = user_with_role(Rolle.OEKONOMI)
    client.force_login(oekonom)
    url = reverse("oekonomi:leverandoerer")
    forkert = client.post(url, {"navn": "Mentorhuset", "cvr": "123"})
    assert forkert.status_code == 400 and "Et CVR-nummer er 8 cifre." in forkert.content.decode()
    svar = client.post(url, {"navn": "Mentorhuset", "cvr": "12345678", "aktiv": "on"})
    lev_url = svar["Location"]
    ok = client.post(lev_url, {"handling": "kontrakt", "start": "2026-01-01", "timepris": "512,50"})
    assert ok.status_code == 302
    side = client.get(lev_url).content.decode()
    assert "512,50 kr." in side
    overlap = client.post(lev_url, {"handling": "kontrakt", "start": "2025-06-01", "timepris": "1"})
    assert overlap.status_code == 400
    assert "Der er allerede en periode fra 01.01.2026" in overlap.content.decode()


def test_interne_satser_paa_skaermen(db, client):
    client.force_login(user_with_role(Rolle.TEAMLEDER))
    url = reverse("oekonomi:interne_satser")
    svar = client.post(url, {"mentortype": "intern", "start": "2026-01-01", "timepris": "400"})
    assert svar.status_code == 302
    assert "400,00 kr." in client.get(url).content.decode()


def test_budget_og_resultater_for_teamlederen(marts, client):
    s = marts
    client.force_login(s.teamleder)
    with klokken(D(2026, 4, 9)):
        budget = client.get(reverse("oekonomi:budget"), {"aar": 2026})
        drill = client.get(
            reverse("oekonomi:budget_forloeb"), {"aar": 2026, "leverandoer": s.leverandoer.pk}
        )
        eksport = client.get(reverse("oekonomi:budget_eksport", args=["csv"]), {"aar": 2026})
        resultater = client.get(reverse("oekonomi:resultater"))
    assert budget.status_code == 200 and "Prognose for 2026" in budget.content.decode()
    assert drill.status_code == 200 and {k.forloeb_id for k in drill.context["kurser"]} == {
        s.a.pk, s.b.pk
    }  # fmt: skip
    assert eksport.status_code == 200 and eksport["Content-Type"].startswith("text/csv")
    assert resultater.status_code == 200
    client.force_login(s.oekonom)
    assert client.get(reverse("oekonomi:resultater")).status_code == 403
    assert client.get(reverse("oekonomi:budget"), {"aar": "x"}).status_code == 400


def test_menuen(marts, client):
    client.force_login(marts.teamleder)
    html = client.get(reverse("compliance:dashboard")).content.decode()
    for url in ("oekonomi:afregninger", "oekonomi:budget", "oekonomi:resultater"):
        assert reverse(url) in html
    client.force_login(marts.oekonom)
    assert client.get("/")["Location"] == reverse("oekonomi:afregninger")


def test_admin_viser_priser_og_afregninger_uden_at_kunne_rette(marts, admin_client):
    for url in (
        "/admin/oekonomi/kontrakt/",
        "/admin/oekonomi/interntimesats/",
        "/admin/oekonomi/afregning/",
        "/admin/forloeb/leverandoer/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/admin/oekonomi/kontrakt/add/").status_code == 403
