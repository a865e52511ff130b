"""A request for access: everything about one citizen, JSON or PDF, caseworker only, logged."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import Adgangslog, Handling

from .conftest import HEMMELIG_NOTE, HEMMELIG_STATUS

pytestmark = pytest.mark.django_db


def test_indsigt_json_indeholder_alt_om_borgeren_og_logges(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    response = client.get(reverse("privacy:indsigt", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    borger = data["borger"]
    assert borger["navn"] == scenarie.borger_b.navn
    assert borger["CPR-nummer"] == scenarie.borger_b.cpr_fuldt()
    (forloeb,) = data["forløb"]
    assert forloeb["forløbsnummer"] == scenarie.forloeb_b.pk
    assert forloeb["konkret mål"] == scenarie.forloeb_b.maal
    assert forloeb["møder"][0]["referat"] == HEMMELIG_NOTE
    assert forloeb["statusrapporter"][0]["status"] == HEMMELIG_STATUS
    (periode,) = forloeb["bevillingsperioder"]
    assert periode["timer pr. uge"] == "2.00"
    assert periode["mentoraftaler"][0]["klagevejledning"].startswith("Du kan klage")
    assert forloeb["mentorperioder"][0]["mentor"] == str(scenarie.forloeb_b.mentor)
    for key in ("arbejdspunkter", "opfølgninger på levering", "afslutning", "resultater"):
        assert key in forloeb
    # Nothing of the other citizen.
    assert scenarie.forloeb_a.borger.navn not in response.content.decode()

    row = Adgangslog.objects.get()
    assert (row.bruger, row.handling, row.borger) == (
        scenarie.sagsbehandler,
        Handling.INDSIGT,
        scenarie.borger_b,
    )


def test_indsigt_pdf_kan_laeses_og_logges(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    response = client.get(reverse("privacy:indsigt_pdf", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Indsigt i egne oplysninger" in text
    assert scenarie.borger_b.navn in text
    assert HEMMELIG_NOTE in text
    assert Adgangslog.objects.filter(handling=Handling.INDSIGT).count() == 1


@pytest.mark.parametrize(
    "rolle",
    [
        "mentor_a",
        "mentor_b",
        "teamleder",
        "fremmed_sagsbehandler",
        "koordinator",
        "administrator",
        "anden_kommune",
    ],
)
@pytest.mark.parametrize("url_name", ["privacy:indsigt", "privacy:indsigt_pdf"])
def test_indsigt_kun_for_borgerens_sagsbehandlere(scenarie, client, rolle, url_name):
    client.force_login(getattr(scenarie, rolle))
    response = client.get(reverse(url_name, args=[scenarie.borger_b.pk]))
    assert response.status_code == 404
    assert not Adgangslog.objects.filter(handling=Handling.INDSIGT).exists()
