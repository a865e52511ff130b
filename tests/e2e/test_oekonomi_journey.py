"""Journeys: the team leader approves a provider's March settlement and downloads its PDF;
finance opens the same settlement and the budget; the leader reads the outcomes.

The scenario's dates lie in 2026 (built with the clock set); the browser runs on today's
clock, when March 2026 is long over, since a travelling server clock would expire the
browser's session cookie."""

import pytest
from pypdf import PdfReader

from oekonomi.models import Afregning
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import PASSWORD
from tests.oekonomi.conftest import D, byg_marts, klokken, uge
from tidsregistrering import services as tid

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fejl(page):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return errors


def test_teamlederen_godkender_og_henter_pdf(page):
    s = byg_marts(godkend_marts=False)
    errors = _fejl(page)
    login(page, s.teamleder.username, PASSWORD)
    page.get_by_role("link", name="Afregninger").first.click()
    page.get_by_label("Måned (ÅÅÅÅ-MM)").fill("2026-03")
    page.get_by_role("button", name="Vis").click()
    rad = page.locator("#afregninger tbody tr").first
    assert "Mentorhuset ApS" in rad.inner_text() and "7.391,67 kr." in rad.inner_text()
    rad.get_by_role("link", name="Mentorhuset ApS").click()
    assert page.locator("#linjer tbody tr").count() == 7
    assert page.locator("#afventer tbody tr").count() == 1
    page.get_by_role("button", name="Godkend og lås (7.391,67 kr.)").click()
    assert "Godkendt og låst" in page.locator("#status").inner_text()
    assert page.get_by_role("button", name="Godkend og lås").count() == 0
    assert Afregning.objects.get().godkendt_af == s.teamleder
    with page.expect_download() as hent:
        page.get_by_role("link", name="Hent PDF til leverandøren").click()
    pdf = PdfReader(hent.value.path())
    assert "7.391,67 kr." in " ".join(p.extract_text() for p in pdf.pages)

    page.get_by_role("link", name="Resultater").first.click()
    assert page.get_by_role("heading", name="Resultater og begge stemmer").is_visible()
    assert errors == []


def test_oekonomi_ser_afregning_og_budget(page):
    s = byg_marts()
    login(page, s.oekonom.username, PASSWORD)
    assert page.url.endswith("/oekonomi/")
    page.goto("/oekonomi/?maaned=2026-03")
    page.get_by_role("link", name="Mentorhuset ApS").click()
    assert "Godkendt og låst" in page.locator("#status").inner_text()
    assert page.get_by_role("button", name="Godkend og lås").count() == 0
    page.goto("/oekonomi/budget/?aar=2026")
    # The provider's 7,391.67 and the internal mentor's 3 × 400-rate weeks (3,000.00).
    assert "10.391,67 kr." in page.locator("#tile-faktisk").inner_text()
    page.locator("#budget-leverandoer").get_by_role("link", name="Mentorhuset ApS").click()
    assert page.locator("#budget-forloeb tbody tr").count() == 2


def _skaerme(s, reopened_uge=True):
    lev, team = s.leverandoer.pk, s.team.pk
    return [
        ("afregninger", "/oekonomi/?maaned=2026-03"),
        ("afregning marts", f"/oekonomi/afregninger/{lev}/{team}/2026/3/"),
        ("afregning april", f"/oekonomi/afregninger/{lev}/{team}/2026/4/"),
        ("leverandører", "/oekonomi/leverandoerer/"),
        ("leverandør", f"/oekonomi/leverandoerer/{lev}/"),
        ("interne satser", "/oekonomi/interne-satser/"),
        ("budget", "/oekonomi/budget/?aar=2026"),
        ("forløb bag budgettet", f"/oekonomi/budget/forloeb/?aar=2026&leverandoer={lev}"),
        ("resultater", "/oekonomi/resultater/?aar=2026"),
    ]


def test_oekonomiskaermene_er_tilgaengelige(page, phone_page):
    s = byg_marts()
    with klokken(D(2026, 4, 10)):
        tid.genaabn_uge(
            user=s.sagsbehandler,
            registrering=uge(s.a, D(2026, 3, 9), s.e),
            begrundelse="Mentoren har glemt en samtale.",
        )
    for pg in (page, phone_page):
        errors = _fejl(pg)
        login(pg, s.teamleder.username, PASSWORD)
        for navn, url in _skaerme(s):
            response = pg.goto(url)
            assert response.status < 400, f"{navn}: {response.status}"
            assert pg.locator("h1").count() == 1, navn
            bredde = pg.evaluate("document.documentElement.scrollWidth")
            assert bredde <= pg.viewport_size["width"], f"{navn}: bredere end skærmen"
            assert_tilgaengelig(pg, navn)
        assert errors == []
