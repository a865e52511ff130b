"""More of the caseworker's screens in the browser: lists sorted and filtered, the top
bar's search by name and course number, the CSV export from the menu, a draft without
meeting or follow-up forms, the mentor step with the citizen's needs and the suggestions,
a citizen corrected with history, a duplicate CPR number, and Danish words (never codes)
for meeting participants, problem areas, weeks and hours."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.models import Advarsel
from forloeb.models import Forloeb, Status
from organisation.models import Rolle
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import (
    PASSWORD,
    BorgerFactory,
    ForloebFactory,
    MentorFactory,
    aktivt_forloeb,
    cpr_for,
    user_with_role,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

KODER = re.compile(r"\b[A-Z]{3,}_[A-Z_]+\b|\b\d{4}-W\d{1,2}\b|---------")


def _ingen_koder(page, hvad):
    tekst = page.locator("main").inner_text()
    fund = KODER.findall(tekst)
    assert not fund, f"{hvad}: koder på skærmen: {fund}"


def _sagsbehandler():
    sb = user_with_role(Rolle.SAGSBEHANDLER, first_name="Sara", last_name="Sagsbehandler")
    return sb, sb.teams.get()


def _borger(sb, navn, **kwargs):
    return BorgerFactory(organisation=sb.organisation, navn=navn, **kwargs)


def _flag(forloeb, regel, dage):
    nu = timezone.now()
    Advarsel.objects.create(
        regel=regel,
        forloeb=forloeb,
        ansvarlig=forloeb.sagsbehandler,
        siden=timezone.localdate() - dt.timedelta(days=dage),
        foerst_set=nu,
        sidst_set=nu,
    )


def _raekker(page, kolonne):
    """The texts of one column of the course list's rows."""
    return page.locator(f"tbody tr td:nth-child({kolonne})").all_inner_texts()


@pytest.mark.parametrize("skaerm", ["page", "phone_page"])
def test_lister_sorteres_og_filtreres_og_topbjaelken_soeger(request, skaerm):
    page = request.getfixturevalue(skaerm)
    sb, team = _sagsbehandler()
    carl = aktivt_forloeb(team=team, sagsbehandler=sb, borger=_borger(sb, "Carl Cederholm"))
    anna = aktivt_forloeb(team=team, sagsbehandler=sb, borger=_borger(sb, "Anna Andersen"))
    kladde = ForloebFactory(team=team, sagsbehandler=sb, borger=_borger(sb, "Bent Bech"))
    _flag(carl, "OPGAVER_MANGLER", 2)
    _flag(anna, "FORMAAL_MANGLER", 20)
    _flag(anna, "OPGAVER_MANGLER", 20)
    login(page, sb.username, PASSWORD)

    # The worklist's flags: oldest first, or by the citizen's name.
    grupper = page.locator("#advarsler tbody[data-forloeb]")
    expect(grupper.first).to_contain_text("Anna Andersen")
    page.locator("#advarsler").get_by_role("link", name="Borgerens navn").click()
    expect(grupper.first).to_contain_text("Anna Andersen")
    expect(grupper.nth(1)).to_contain_text("Carl Cederholm")
    _ingen_koder(page, "arbejdsliste")

    # The course list: sorted by name, filtered by status and by a name.
    page.goto("/forloeb/")
    page.get_by_label("Sortér efter").select_option(label="Borgerens navn")
    page.get_by_role("button", name="Filtrér").click()
    assert _raekker(page, 2) == ["Anna Andersen", "Bent Bech", "Carl Cederholm"]
    page.get_by_label("Status").select_option(label="Kladde")
    page.get_by_role("button", name="Filtrér").click()
    assert _raekker(page, 2) == ["Bent Bech"]
    expect(page.get_by_role("status")).to_have_text("1 forløb")
    page.get_by_role("link", name="Nulstil").click()
    page.get_by_label("Borger eller forløbsnummer").fill("carl")
    page.get_by_role("button", name="Filtrér").click()
    assert _raekker(page, 2) == ["Carl Cederholm"]
    _ingen_koder(page, "forløbsliste")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    # The top bar: a course number opens the course, a single name hit the citizen.
    def soeg(tekst):
        if skaerm == "phone_page":
            page.get_by_role("button", name="Menu").click()
            boks = page.locator("#hurtig-soeg-mobil")
        else:
            boks = page.locator("#hurtig-soeg")
        boks.fill(tekst)
        boks.press("Enter")
        page.wait_for_load_state("networkidle")

    soeg(str(kladde.pk))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Forløb {kladde.pk} · Bent Bech")
    soeg("cederholm")
    expect(page.get_by_role("heading", level=1, name="Carl Cederholm")).to_be_visible()
    assert "cederholm" not in page.url.lower()
    soeg("Findes Ikke")
    expect(page.get_by_text("Ingen borgere fundet.")).to_be_visible()

    # The CSV export is in the menu.
    if skaerm == "phone_page":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Eksport (CSV)").first.click()
    expect(
        page.get_by_role("heading", level=1, name="Eksport af tidsregistreringer")
    ).to_be_visible()
    with page.expect_download() as hent:
        page.get_by_role("button", name="Hent CSV").click()
    assert hent.value.suggested_filename.endswith(".csv")


def test_kladde_uden_moeder_og_mentortrinnet_viser_borgerens_behov(page):
    sb, team = _sagsbehandler()
    borger = _borger(
        sb,
        "Olivia Ønske",
        problemomraader=["oekonomi"],
        oensker_til_mentor="Gerne en, der kender til gæld.",
    )
    kladde = ForloebFactory(team=team, sagsbehandler=sb, borger=borger)
    MentorFactory(organisation=sb.organisation, navn="Olga Økonomi", specialiseringer=["oekonomi"])
    MentorFactory(organisation=sb.organisation, navn="Anders Anden", specialiseringer=[])
    login(page, sb.username, PASSWORD)

    # A draft offers no meeting or follow-up; an old link says why.
    page.goto(f"/forloeb/{kladde.pk}/")
    handlinger = page.get_by_role("navigation", name="Handlinger på forløbet")
    expect(handlinger.get_by_role("link", name="Vælg mentor")).to_be_visible()
    for knap in ("Registrér møde", "Opfølgning på levering", "Ny periode", "Ændr timer"):
        expect(handlinger.get_by_role("link", name=knap)).to_have_count(0)
    for adresse in ("moede", "opfoelgning"):
        page.goto(f"/forloeb/{kladde.pk}/{adresse}/")
        expect(
            page.get_by_text("Forløbet er en kladde, der endnu ikke er bevilget.")
        ).to_be_visible()
        assert page.url.endswith(f"/forloeb/{kladde.pk}/")

    # The mentor step: the citizen's problem areas in words, her wishes, the suggestions.
    page.get_by_role("link", name="Vælg mentor").click()
    behov = page.get_by_role("region", name="Det skal mentoren kunne")
    expect(behov).to_contain_text("Økonomi")
    expect(behov).not_to_contain_text("oekonomi")
    expect(behov).to_contain_text("Gerne en, der kender til gæld.")
    expect(behov.get_by_role("listitem").first).to_contain_text("Olga Økonomi")
    expect(page.get_by_role("row", name=re.compile("Olga Økonomi"))).to_contain_text("Forslag")
    _ingen_koder(page, "mentortrin")
    assert_tilgaengelig(page, "mentortrin")


def test_borger_rettes_med_historik_og_dubleret_cpr_linker_til_borgeren(page):
    sb, team = _sagsbehandler()
    nummer = cpr_for(4242)
    borger = _borger(sb, "Gitte Gammelnavn", cpr_nummer=nummer)
    forloeb = aktivt_forloeb(team=team, sagsbehandler=sb, borger=borger)
    login(page, sb.username, PASSWORD)

    # A second citizen with the same CPR number: the error links to the one who has it.
    page.goto("/forloeb/borgere/ny/")
    page.get_by_label("CPR-nummer").fill(nummer)
    page.get_by_label("Navn", exact=True).fill("En Anden")
    page.get_by_label("Ydelsesgruppe").select_option("kontanthjaelp")
    page.get_by_role("button", name="Opret borger").click()
    fejl = page.locator(".error-summary, .form-error-message").first
    expect(fejl).to_be_visible()
    page.get_by_role(
        "link", name=re.compile("eksisterende|Åbn borgeren|findes", re.I)
    ).first.click()
    expect(page.get_by_role("heading", level=1, name="Gitte Gammelnavn")).to_be_visible()

    # Find borger by CPR number: one hit opens the citizen.
    page.goto("/forloeb/borgere/")
    page.get_by_role("form", name="Søg på CPR-nummer").get_by_role("textbox").fill(nummer)
    page.get_by_role("button", name="Søg på CPR").click()
    expect(page.get_by_role("heading", level=1, name="Gitte Gammelnavn")).to_be_visible()
    assert nummer[6:] not in page.url

    # Correct her details; the course history shows what changed, in words.
    page.get_by_role("link", name="Ret borgerens oplysninger").click()
    page.get_by_label("Navn", exact=True).fill("Gitte Nynavn")
    page.get_by_label("Økonomi").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1, name="Gitte Nynavn")).to_be_visible()
    page.goto(f"/forloeb/{forloeb.pk}/historik/")
    aendringer = page.get_by_role("list", name="Ændringer")
    expect(aendringer).to_contain_text("Borgerens oplysninger rettet")
    expect(aendringer).to_contain_text("Gitte Gammelnavn")
    expect(aendringer).to_contain_text("Økonomi")
    tekst = aendringer.inner_text()
    assert "oekonomi" not in tekst and "Udfoert" not in tekst and "Genaabnet" not in tekst
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", tekst), "feltnavne som koder i historikken"
    assert Forloeb.objects.get(pk=forloeb.pk).borger.navn == "Gitte Nynavn"


def test_moedets_deltagere_ugerne_og_timerne_staar_paa_dansk(page):
    sb, team = _sagsbehandler()
    sb.organisation.jobcenter = "Jobcenter Østby"
    sb.organisation.adresse = "Rådhuspladsen 1\n9999 Østby"
    sb.organisation.save()
    start = timezone.localdate() - dt.timedelta(weeks=3)
    forloeb = aktivt_forloeb(
        team=team, sagsbehandler=sb, borger=_borger(sb, "Mona Møde"), start=start, timer="2.5"
    )
    login(page, sb.username, PASSWORD)

    # A meeting with the citizen and her network: the timeline names them in Danish.
    page.goto(f"/forloeb/{forloeb.pk}/moede/")
    page.get_by_label("Mødetype").select_option(label="Netværksmøde")
    page.get_by_label("Dato", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("Borger", exact=True).check()
    page.get_by_label("Netværk (pårørende, behandler m.fl.)").check()
    page.get_by_role("button", name=re.compile("Registrér|Gem")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mona Møde")
    page.get_by_role("tab", name="Tidslinje").click()
    tidslinje = page.locator(".timeline")
    expect(tidslinje).to_contain_text("Netværk (pårørende, behandler m.fl.)")
    assert "netvaerk" not in tidslinje.inner_text()

    # The delivery: a chart with its axes explained and a table of weeks ("Uge 38, 2026").
    page.get_by_role("tab", name="Overblik og levering").click()
    panel = page.locator(f"#levering-{forloeb.pk}")
    expect(panel.locator("svg[role=img] title").first).to_contain_text("tabellen")
    expect(panel).to_contain_text("Lodret akse: timer pr. uge. Vandret akse: ugenummer.")
    tabel = panel.get_by_role("table", name="Bevilget og leveret pr. uge (timer)")
    uge = start.isocalendar()
    expect(tabel.locator(f"#uge-{uge[0]}-{uge[1]}")).to_contain_text(f"Uge {uge[1]}, {uge[0]}")
    _ingen_koder(page, "forløbsside")

    # The agreement: who issues it and where, the version, and hours as on the course page.
    page.goto(f"/forloeb/aftaler/{forloeb.bevillinger.get().aftale.pk}/")
    aftale = page.locator("article.aftale")
    expect(aftale).to_contain_text("Jobcenter Østby")
    expect(aftale).to_contain_text("Rådhuspladsen 1")
    expect(aftale).to_contain_text("Version")
    expect(aftale).to_contain_text("2,5 timer pr. uge")
    assert "2,50" not in aftale.inner_text()
    assert forloeb.status == Status.AKTIV
