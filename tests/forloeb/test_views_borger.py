"""Finding and correcting a citizen: the top bar's search (POST, nothing typed in an
address), a duplicate CPR number that links to the citizen who has it, editing details
with history, and the course list's sorting."""

import pytest
from django.urls import reverse

from core.models import Adgangslog, Handling
from forloeb.models import Borger
from organisation.models import Rolle
from tests.factories import BorgerFactory, ForloebFactory, cpr_for, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def sb(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.force_login(user)
    return user


SOEG = "forloeb:hurtig_soeg"


def test_topbjaelken_har_soegefelt_for_sagsbehandlere_og_eksport_i_menuen(client, sb):
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert f'action="{reverse(SOEG)}"' in html
    assert 'method="post"' in html
    assert reverse("tidsregistrering:eksport") in html
    mentor = user_with_role(Rolle.MENTOR)
    client.force_login(mentor)
    assert (
        f'action="{reverse(SOEG)}"'
        not in client.get(reverse("tidsregistrering:min_uge")).content.decode()
    )


def test_hurtig_soegning_paa_cpr_aabner_borgeren_og_logges(client, sb):
    nummer = cpr_for(5151)
    borger = BorgerFactory(organisation=sb.organisation, cpr_nummer=nummer)
    response = client.post(reverse(SOEG), {"soeg": f"{nummer[:6]}-{nummer[6:]}"})
    assert response.url == reverse("forloeb:borger_detalje", args=[borger.pk])
    log = Adgangslog.objects.get(bruger=sb)
    assert (log.handling, log.borger) == (Handling.SOEG_CPR, borger)
    assert nummer not in log.beskrivelse


def test_hurtig_soegning_paa_forloebsnummer_og_navn(client, sb):
    forloeb = ForloebFactory(team=sb.teams.get(), sagsbehandler=sb)
    response = client.post(reverse(SOEG), {"soeg": str(forloeb.pk)})
    assert response.url == reverse("forloeb:forloeb_detalje", args=[forloeb.pk])

    eneste = BorgerFactory(organisation=sb.organisation, navn="Xenia Unik")
    response = client.post(reverse(SOEG), {"soeg": "xenia"})
    assert response.url == reverse("forloeb:borger_detalje", args=[eneste.pk])

    BorgerFactory(organisation=sb.organisation, navn="Bo Fælles")
    BorgerFactory(organisation=sb.organisation, navn="Bo Fælles Jensen")
    response = client.post(reverse(SOEG), {"soeg": "bo fælles"})
    assert response.status_code == 200
    assert response.content.decode().count("Bo Fælles") >= 2

    response = client.post(reverse(SOEG), {"soeg": "999999"})
    assert "Ingen borgere fundet" in response.content.decode()


def test_hurtig_soegning_kraever_post(client, sb):
    assert client.get(reverse(SOEG), {"soeg": "x"}).status_code == 405


def test_dubleret_cpr_ved_oprettelse_linker_til_den_eksisterende_borger(client, sb):
    nummer = cpr_for(6161)
    borger = BorgerFactory(organisation=sb.organisation, cpr_nummer=nummer)
    response = client.post(
        reverse("forloeb:borger_opret"),
        {
            "cpr_nummer": nummer,
            "navn": "Igen",
            "ydelsesgruppe": "kontanthjaelp",
            "visitation": "aktivitetsparat",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert reverse("forloeb:borger_detalje", args=[borger.pk]) in html
    assert borger.navn not in html


def test_ret_borgerens_oplysninger_gemmes_med_historik(client, sb):
    borger = BorgerFactory(organisation=sb.organisation, navn="Gammelt Navn")
    url = reverse("forloeb:borger_rediger", args=[borger.pk])
    side = client.get(url).content.decode()
    assert "Gammelt Navn" in side and 'name="cpr_nummer"' not in side
    response = client.post(
        url,
        {
            "navn": "Nyt Navn",
            "adresse": "Torvet 1, 8000 Aarhus C",
            "ydelsesgruppe": borger.ydelsesgruppe,
            "visitation": borger.visitation,
            "problemomraader": ["oekonomi"],
        },
    )
    assert response.url == reverse("forloeb:borger_detalje", args=[borger.pk])
    borger.refresh_from_db()
    assert (borger.navn, borger.adresse, borger.problemomraader) == (
        "Nyt Navn",
        "Torvet 1, 8000 Aarhus C",
        ["oekonomi"],
    )
    seneste = borger.history.first()
    assert seneste.history_user == sb
    assert seneste.history_change_reason == "Borgerens oplysninger rettet"
    response = client.post(url, {"navn": "", "ydelsesgruppe": borger.ydelsesgruppe})
    assert response.status_code == 400
    assert Borger.objects.get(pk=borger.pk).navn == "Nyt Navn"


@pytest.mark.parametrize(
    ("sortering", "forventet"),
    [("borger", ["Anna", "Bent", "Carl"]), ("nr", ["Carl", "Anna", "Bent"])],
)
def test_forloebslisten_sorteres(client, sb, sortering, forventet):
    for navn in ["Carl", "Anna", "Bent"]:
        ForloebFactory(
            team=sb.teams.get(),
            sagsbehandler=sb,
            borger=BorgerFactory(organisation=sb.organisation, navn=navn),
        )
    response = client.get(reverse("forloeb:forloeb_liste"), {"sortering": sortering})
    assert [f.borger.navn for f in response.context["side"]] == forventet


def test_borgersiden_viser_de_strukturerede_oensker_med_danske_betegnelser(client, sb):
    borger = BorgerFactory(
        organisation=sb.organisation, oensket_koen="kvinde", oensket_alder="35_50"
    )
    html = client.get(reverse("forloeb:borger_detalje", args=[borger.pk])).content.decode()
    assert "Ønsket køn på mentor" in html and "En kvindelig mentor" in html
    assert "Ønsket alder på mentor" in html and "35–50 år" in html
    assert "35_50" not in html and ">kvinde<" not in html

    uden = BorgerFactory(organisation=sb.organisation)
    html = client.get(reverse("forloeb:borger_detalje", args=[uden.pk])).content.decode()
    assert html.count("Ingen ønsker") == 2
