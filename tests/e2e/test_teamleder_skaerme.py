"""The team leader's screens in the browser: the dashboard's rule titles in words and each
chart's numbers as a table, a stikprøve finished only after a confirmation and then
read-only, and the access log read as sentences, filtered, printed and exported."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance import services
from core.adgang import log_adgang
from core.models import Adgangslog, Handling
from forloeb.models import Forloeb
from organisation.models import Rolle
from tests.compliance.conftest import kompliant_forloeb, seneste_torsdag
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import PASSWORD, TeamFactory, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ALLE_OPFYLDT = dict.fromkeys(
    ["formaal", "opgaver", "kvalifikationer", "aftale", "opfoelgning", "kontakt"], "opfyldt"
)


def _team_med_forloeb(antal=3):
    team = TeamFactory()
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    forloeb = [kompliant_forloeb(seneste_torsdag(), team=team) for _ in range(antal)]
    Forloeb.objects.filter(pk=forloeb[0].pk).update(opgaver="")
    services.scan()
    return team, leder, forloeb


@pytest.mark.parametrize("skaerm", ["page", "phone_page"])
def test_overblikket_viser_regler_i_ord_og_diagrammernes_tal_som_tabeller(request, skaerm):
    page = request.getfixturevalue(skaerm)
    _team, leder, _forloeb = _team_med_forloeb()
    login(page, leder.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    indhold = page.locator("main").inner_text()
    # The flag is named by its title; no rule code reaches the screen.
    assert "OPGAVER_MANGLER" not in indhold and "FORMAAL_MANGLER" not in indhold
    assert "-W" not in indhold, "ugenumre skrives 'uge 38', ikke 2026-W38"
    # Every chart says where its numbers are, and the numbers are a table with a caption.
    for canvas in ("chart-trend", "chart-timer", "chart-varighed"):
        diagram = page.locator(f"#{canvas}")
        expect(diagram).to_have_attribute("role", "img")
        assert "tabel" in diagram.get_attribute("aria-label")
    for knap in page.get_by_text("Vis tallene som tabel").all():
        knap.click()
    expect(page.get_by_role("table", name="Timer pr. uge")).to_be_visible()
    expect(
        page.get_by_role("table", name="Andel af aktive forløb, der opfylder hvert STAR-punkt (%)")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Forløb fordelt på varighed; tallet fører til forløbene")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_tilgaengelig(page, f"overblik med tabeller ({skaerm})")


def test_afsluttet_stikproeve_bekraeftes_og_kan_kun_laeses(page):
    team, leder, _forloeb = _team_med_forloeb(antal=2)
    stikproeve = services.opret_stikproeve(user=leder, antal=2, team=team)
    for sag in stikproeve.sager.all():
        services.vurder_stikproevesag(
            user=leder, sag=sag, vurderinger=ALLE_OPFYLDT, kommentar="Fin sag."
        )
    login(page, leder.username, PASSWORD)
    page.goto(f"/compliance/stikproever/{stikproeve.pk}/")
    expect(page.get_by_text("2 af 2 sager er vurderet.").first).to_be_visible()

    # Finishing asks first; "Fortryd" changes nothing.
    page.get_by_role("link", name="Afslut stikprøven").click()
    expect(page.get_by_role("heading", name="Vil du afslutte stikprøven?")).to_be_visible()
    expect(page.get_by_text("kan vurderingerne ikke ændres", exact=False)).to_be_visible()
    page.get_by_role("link", name="Fortryd").click()
    stikproeve.refresh_from_db()
    assert stikproeve.afsluttet is None
    page.get_by_role("link", name="Afslut stikprøven").click()
    page.get_by_role("button", name="Ja, afslut stikprøven").click()
    expect(page.get_by_text("Stikprøven er afsluttet.")).to_be_visible()
    expect(page.get_by_role("link", name="Afslut stikprøven")).to_have_count(0)
    stikproeve.refresh_from_db()
    assert stikproeve.afsluttet is not None

    # A case of the finished sample reads, but offers no form to change it.
    sag = stikproeve.sager.order_by("pk").first()
    page.goto(f"/compliance/stikproever/sag/{sag.pk}/")
    expect(page.get_by_test_id("laast")).to_contain_text("kan læses, men ikke ændres")
    expect(page.get_by_text("Fin sag.")).to_be_visible()
    expect(page.get_by_role("button", name="Gem vurdering")).to_have_count(0)
    expect(page.get_by_role("radio")).to_have_count(0)
    assert_tilgaengelig(page, "afsluttet stikprøvesag")


def test_adgangsloggen_laeses_som_saetninger_filtreres_udskrives_og_hentes(page):
    team, leder, forloeb = _team_med_forloeb(antal=1)
    f = forloeb[0]
    borger, sb = f.borger, f.sagsbehandler
    anden = user_with_role(Rolle.SAGSBEHANDLER, team=team, first_name="Ole", last_name="Anden")
    gammel = log_adgang(user=sb, handling=Handling.VIS_FORLOEB, borger=borger, forloeb=f)
    Adgangslog.objects.filter(pk=gammel.pk).update(tidspunkt=timezone.now() - dt.timedelta(days=40))
    log_adgang(user=sb, handling=Handling.VIS_CPR, borger=borger)
    log_adgang(user=anden, handling=Handling.VIS_BORGER, borger=borger)
    navn = sb.get_full_name()

    login(page, leder.username, PASSWORD)
    page.goto(f"/forloeb/borgere/{borger.pk}/adgangslog/")
    tabel = page.get_by_role("table")
    # Sentences, with the person's name, never an address of the API.
    expect(tabel).to_contain_text(f"{navn} så det fulde CPR-nummer.")
    expect(tabel).to_contain_text(f"{navn} så forløbet (nr. {f.pk}).")
    expect(tabel).to_contain_text("Ole Anden")
    assert "/api/" not in tabel.inner_text()

    # By person, by action, by date.
    page.get_by_label("Person").select_option(label=navn)
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tbody")).not_to_contain_text("Ole Anden")
    page.get_by_label("Handling").select_option("vis_cpr")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.goto(f"/forloeb/borgere/{borger.pk}/adgangslog/")
    idag = timezone.localdate()
    page.get_by_label("Fra").fill((idag - dt.timedelta(days=50)).isoformat())
    page.get_by_label("Til").fill((idag - dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text(f"{navn} så forløbet (nr. {f.pk}).")
    # A date range the wrong way round is a Danish message, not a failure.
    page.get_by_label("Fra").fill(idag.isoformat())
    page.get_by_label("Til").fill("2000-01-01")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator(".error-summary")).to_contain_text("Til-datoen ligger før fra-datoen.")

    # The print version and the CSV keep the filter.
    page.goto(f"/forloeb/borgere/{borger.pk}/adgangslog/?handling=vis_cpr")
    with page.expect_download() as hent:
        page.get_by_role("link", name="Hent som CSV").click()
    csv = Path(hent.value.path()).read_text(encoding="utf-8-sig")
    assert f"{navn} så det fulde CPR-nummer." in csv
    assert borger.cpr_fuldt() not in csv
    assert len(csv.strip().splitlines()) == 2
    page.get_by_role("link", name="Udskriv").click()
    expect(page.get_by_text("Filtreret udsnit.")).to_be_visible()
    expect(page.get_by_role("form", name="Filtrér adgangsloggen")).to_have_count(0)
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(1)
