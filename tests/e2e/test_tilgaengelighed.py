"""axe-core on every main screen of every role, on a desktop and on a 375 px phone, with
the demo data; and one journey per role done with the keyboard alone.

Each role's test seeds the demo municipality (`seed_demo`) and walks its screens in both
viewports; a finding is listed with the rule, the element and what to fix.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from compliance import services as compliance_services
from forloeb import selectors_mentor
from forloeb.models import Borger, Forloeb, Mentor, Status
from organisation.models import User
from tests.e2e.axe import assert_tilgaengelig, axe_fund, tab_til
from tests.e2e.conftest import login
from tidsregistrering.models import Kontakt

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "mentorsag-demo"


@pytest.fixture
def demo(settings):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo", verbosity=0)
    return {u.username: u for u in User.objects.filter(username__in=DEMO_BRUGERE)}


DEMO_BRUGERE = ["sagsbehandler", "mentor", "koordinator", "teamleder"]


def _csp_fejl(page) -> list[str]:
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    return errors


def _gennemgaa(pg, adresser: list[tuple[str, str]]) -> None:
    """Open each screen, let htmx and the charts settle, check it with axe."""
    fejl = _csp_fejl(pg)
    for navn, url in adresser:
        response = pg.goto(url)  # None when only the #fragment changed
        assert response is None or response.status < 400, f"{navn}: {url} svarede {response.status}"
        pg.wait_for_load_state("networkidle")
        assert pg.locator("h1").count() == 1, f"{navn}: én h1 pr. side"
        assert "---------" not in pg.content(), f"{navn}: en liste begynder med ---------"
        assert pg.evaluate("document.documentElement.scrollWidth") <= pg.viewport_size["width"], (
            f"{navn}: siden er bredere end skærmen"
        )
        assert_tilgaengelig(pg, navn)
    assert fejl == []


def _begge_skaerme(page, phone_page, brugernavn, adresser):
    for pg in (page, phone_page):
        if brugernavn:
            login(pg, brugernavn, DEMO_PASSWORD)
        _gennemgaa(pg, adresser)


def test_sagsbehandlerens_skaerme_er_tilgaengelige(page, phone_page, demo):
    sb = demo["sagsbehandler"]
    aktivt = Forloeb.objects.filter(sagsbehandler=sb, status=Status.AKTIV).first()
    kladde_uden_mentor = Forloeb.objects.filter(
        sagsbehandler=sb, status=Status.KLADDE, mentor__isnull=True
    ).first()
    aftale = aktivt.bevillinger.order_by("start").first().aftale
    borger = aktivt.borger
    adresser = [
        ("arbejdsliste", reverse("forloeb:arbejdsliste")),
        ("find borger", reverse("forloeb:borger_soeg")),
        ("find borger, resultat", reverse("forloeb:borger_soeg") + "?q=a"),
        ("opret borger", reverse("forloeb:borger_opret")),
        ("borger", reverse("forloeb:borger_detalje", args=[borger.pk])),
        ("nyt forløb, trin 1", reverse("forloeb:forloeb_opret", args=[borger.pk])),
        ("nyt forløb, trin 2", reverse("forloeb:forloeb_mentor", args=[kladde_uden_mentor.pk])),
        ("nyt forløb, trin 3", reverse("forloeb:forloeb_periode", args=[kladde_uden_mentor.pk])),
        ("forløbsside", reverse("forloeb:forloeb_detalje", args=[aktivt.pk])),
        (
            "forløbsside, tidslinje",
            reverse("forloeb:forloeb_detalje", args=[aktivt.pk]) + "#tidslinje",
        ),
        ("mentoraftale", reverse("forloeb:aftale", args=[aftale.pk])),
        ("møde", reverse("forloeb:forloeb_moede", args=[aktivt.pk])),
        ("opfølgning", reverse("forloeb:forloeb_opfoelgning", args=[aktivt.pk])),
        ("forløbsliste", reverse("forloeb:forloeb_liste")),
        ("historik", reverse("privacy:historik", args=[aktivt.pk])),
        ("advarsler på forløbet", reverse("compliance:forloeb", args=[aktivt.pk])),
        ("levering", reverse("tidsregistrering:levering", args=[aktivt.pk])),
        ("eksport", reverse("tidsregistrering:eksport")),
        ("API-nøgler", reverse("api_noegler")),
    ]
    for pg in (page, phone_page):
        login(pg, sb.username, DEMO_PASSWORD)
        _gennemgaa(pg, adresser)
        # A refused POST: the error summary is at the top, focused, and passes axe too.
        pg.goto(reverse("forloeb:forloeb_periode", args=[aktivt.pk]))
        pg.get_by_label("Slut", exact=True).fill("2000-01-01")
        pg.get_by_role("button", name="Bevilg periode").click()
        summary = pg.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary.get_by_role("link").first).to_be_visible()
        assert_tilgaengelig(pg, "ny periode med fejl")


def test_mentorens_skaerme_er_tilgaengelige(page, phone_page, demo):
    mentor = demo["mentor"]
    forloeb = Forloeb.objects.filter(mentor__bruger=mentor, status=Status.AKTIV).first()
    adresser = [
        ("min uge", reverse("tidsregistrering:min_uge")),
        ("min uge, formularen", reverse("tidsregistrering:min_uge") + f"?vis={forloeb.pk}"),
        ("min uge, sidste uge", reverse("tidsregistrering:min_uge") + "?uge=forrige"),
        ("mine borgere", reverse("forloeb:mine_borgere")),
        ("mentorens forløbsside", reverse("forloeb:mentor_forloeb", args=[forloeb.pk])),
        (
            "mentorens arbejdspunkter",
            reverse("forloeb:mentor_forloeb", args=[forloeb.pk]) + "#arbejdspunkter",
        ),
    ]
    _aktuelle, tidligere = selectors_mentor.mine_borgere(mentor)
    assert tidligere, "the demo gives the mentor former citizens"
    adresser.append(("tidligere borger", reverse("forloeb:mentor_forloeb", args=[tidligere[0].pk])))
    for pg in (page, phone_page):
        login(pg, mentor.username, DEMO_PASSWORD)
        _gennemgaa(pg, adresser)
        # A contact with no duration: the phone lands on the error summary, not the top.
        pg.goto(reverse("tidsregistrering:min_uge") + f"?vis={forloeb.pk}")
        kort = pg.locator(f"#forloeb-{forloeb.pk}")
        kort.get_by_role("button", name="Gem kontakt").click()
        summary = pg.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_be_in_viewport()
        summary.get_by_role("link", name="Timer").click()
        expect(kort.get_by_label("Timer")).to_be_focused()
        assert_tilgaengelig(pg, "min uge med fejl")


def test_koordinatorens_skaerme_er_tilgaengelige(page, phone_page, demo):
    org = demo["koordinator"].organisation
    mentor = Mentor.objects.filter(organisation=org, aktiv=True).first()
    venter = Forloeb.objects.uden_mentor().filter(organisation=org).first()
    assert venter, "the demo has a course on the waiting list"
    _begge_skaerme(
        page,
        phone_page,
        "koordinator",
        [
            ("mentorer", reverse("forloeb:mentorer")),
            ("mentorside", reverse("forloeb:mentor_detalje", args=[mentor.pk])),
            ("ny mentor", reverse("forloeb:mentor_opret")),
            ("rediger mentor", reverse("forloeb:mentor_rediger", args=[mentor.pk])),
            ("venteliste", reverse("forloeb:venteliste")),
            (
                "bekræft tilknytning",
                reverse("forloeb:venteliste_tildel", args=[venter.pk, mentor.pk]),
            ),
        ],
    )


def test_teamlederens_skaerme_er_tilgaengelige(page, phone_page, demo):
    leder = demo["teamleder"]
    stikproeve = compliance_services.opret_stikproeve(user=leder, antal=5, team=None, titel="")
    sag = stikproeve.sager.first()
    borger = Borger.objects.filter(forloeb__team__in=leder.ledede_teams.all()).first()
    _begge_skaerme(
        page,
        phone_page,
        leder.username,
        [
            ("overblik", reverse("compliance:dashboard")),
            ("forløb bag et tal", reverse("compliance:forloeb_liste") + "?maal=aktive"),
            ("stikprøver", reverse("compliance:stikproever")),
            ("en stikprøve", reverse("compliance:stikproeve", args=[stikproeve.pk])),
            ("en sag i stikprøven", reverse("compliance:stikproeve_sag", args=[sag.pk])),
            ("stikprøverapport", reverse("compliance:stikproeve_rapport", args=[stikproeve.pk])),
            ("adgangslog", reverse("privacy:adgangslog", args=[borger.pk])),
        ],
    )


def test_login_fejlsider_og_erklaering_er_tilgaengelige(page, phone_page, settings, demo):
    settings.ROOT_URLCONF = "tests.e2e.fejl_urls"
    adresser = [
        ("log ind", reverse("login")),
        ("tilgængelighedserklæring", reverse("tilgaengelighed")),
    ]
    for pg in (page, phone_page):
        _gennemgaa(pg, adresser)
        for kode in (400, 403, 404, 500):
            url = "/findes-ikke/" if kode == 404 else f"/test-fejl/{kode}/"
            response = pg.goto(url)
            assert response.status == kode
            expect(pg.get_by_text(f"Fejl {kode}")).to_be_visible()
            assert "Traceback" not in pg.content()
            assert_tilgaengelig(pg, f"fejlside {kode}")
        # A failed login: the summary names the problem, and the page still passes.
        pg.goto(reverse("login"))
        pg.get_by_label("Brugernavn").fill("sagsbehandler")
        pg.get_by_label("Adgangskode").fill("forkert")
        pg.get_by_role("button", name="Log ind").click()
        expect(pg.locator(".error-summary")).to_be_focused()
        assert_tilgaengelig(pg, "log ind med fejl")
        # Logged in, the error pages keep the role's menu and the footer's statement link.
        login(pg, "sagsbehandler", DEMO_PASSWORD)
        pg.goto("/findes-ikke/")
        expect(pg.get_by_role("link", name="Tilgængelighedserklæring")).to_be_visible()
        assert_tilgaengelig(pg, "fejlside 404, logget ind")
        pg.context.clear_cookies()


# --- One journey per role, by keyboard only ------------------------------------------


def test_mentor_registrerer_kontakt_paa_telefonen_kun_med_tastatur(phone_page, demo):
    p = phone_page
    mentor = demo["mentor"]
    forloeb = Forloeb.objects.filter(mentor__bruger=mentor, status=Status.AKTIV).first()
    navn = forloeb.borger.navn
    login(p, mentor.username, DEMO_PASSWORD)
    foer = Kontakt.objects.filter(registrering__forloeb=forloeb).count()

    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Gå til sidens indhold"
    tab_til(p, f"Registrér for {navn}")
    p.keyboard.press("Enter")
    p.wait_for_url(f"**?*vis={forloeb.pk}*")
    tab_til(p, "Minutter")
    p.keyboard.type("45")
    tab_til(p, "Struktur i hverdagen")
    p.keyboard.press("Space")
    tab_til(p, "Gem kontakt")
    p.keyboard.press("Enter")
    expect(p.get_by_text("Kontakten er gemt.")).to_be_visible()
    assert Kontakt.objects.filter(registrering__forloeb=forloeb).count() == foer + 1
    ny = Kontakt.objects.filter(registrering__forloeb=forloeb).order_by("-pk").first()
    assert ny.minutter == 45 and "struktur" in ny.emner


def test_sagsbehandler_finder_en_borger_kun_med_tastatur(page, demo):
    sb = demo["sagsbehandler"]
    borger = Forloeb.objects.filter(sagsbehandler=sb, status=Status.AKTIV).first().borger
    login(page, sb.username, DEMO_PASSWORD)
    tab_til(page, "Find borger")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forloeb/borgere/")
    tab_til(page, "Navn")
    page.keyboard.type(borger.navn)
    page.keyboard.press("Enter")
    page.wait_for_url("**/forloeb/borgere/?q=*")
    tab_til(page, borger.navn)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name=borger.navn)).to_be_visible()
    # The course page's tabs work with the arrow keys (DKFDS).
    tab_til(page, "Forløb ")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forloeb/*/")
    tab_til(page, "Overblik og levering")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", selected=True)).not_to_have_text("Overblik og levering")


def test_koordinator_tilknytter_en_mentor_fra_ventelisten_kun_med_tastatur(page, demo):
    login(page, "koordinator", DEMO_PASSWORD)
    venter = Forloeb.objects.filter(mentor__isnull=True, status=Status.KLADDE).count()
    tab_til(page, "Venteliste")
    page.keyboard.press("Enter")
    page.wait_for_url("**/forloeb/venteliste/")
    tab_til(page, "Vælg ")
    page.keyboard.press("Enter")
    # The choice is confirmed on its own page before anything changes.
    expect(page.get_by_role("heading", level=1, name="Tilknyt mentor")).to_be_visible()
    assert Forloeb.objects.filter(mentor__isnull=True, status=Status.KLADDE).count() == venter
    tab_til(page, "Ja, tilknyt ")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Sagsbehandleren får besked.")).to_be_visible()
    assert Forloeb.objects.filter(mentor__isnull=True, status=Status.KLADDE).count() == venter - 1


def test_teamleder_folger_et_tal_paa_overblikket_kun_med_tastatur(page, demo):
    login(page, "teamleder", DEMO_PASSWORD)
    aktive = page.locator("#tile-aktive a").inner_text()
    tab_til(page, aktive)
    assert page.evaluate("document.activeElement.dataset.maal") == "aktive"
    page.keyboard.press("Enter")
    page.wait_for_url("**/compliance/forloeb/?maal=aktive*")
    expect(page.locator("#antal-forloeb")).to_contain_text(f"{aktive} forløb")


def test_axe_hjaelperen_melder_en_overtraedelse_med_regel_og_element(page):
    page.set_content(
        '<html lang="da"><head><title>x</title></head><body><main><h1>Prøve</h1>'
        '<img src="data:," id="uden-alt"></main></body></html>'
    )
    fund = axe_fund(page)
    assert any(f.startswith("image-alt [critical]") and "#uden-alt" in f for f in fund), fund
    with pytest.raises(AssertionError, match="image-alt"):
        assert_tilgaengelig(page, "prøveside")
