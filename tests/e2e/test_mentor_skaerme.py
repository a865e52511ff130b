"""The mentor's phone and the flags' fix links: a flag on Min uge names the citizen and
opens her entry form, while the caseworker and the team leader reading the same flag are
sent to pages they may open; a progress rating starts with no score chosen and its
comment is readable in the table, not behind a hover."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.models import Advarsel
from forloeb import services
from organisation.models import Rolle
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import PASSWORD, BorgerFactory, TeamFactory, aktivt_forloeb, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _forloeb_med_advarsel():
    team = TeamFactory()
    forloeb = aktivt_forloeb(
        team=team,
        start=timezone.localdate() - dt.timedelta(weeks=5),
        borger=BorgerFactory(organisation=team.organisation, navn="Rita Registrering"),
    )
    nu = timezone.now()
    Advarsel.objects.create(
        regel="REGISTRERING_MANGLER",
        forloeb=forloeb,
        ansvarlig=forloeb.mentor.bruger,
        siden=timezone.localdate() - dt.timedelta(days=3),
        foerst_set=nu,
        sidst_set=nu,
    )
    return forloeb


def test_advarslens_ret_link_afhaenger_af_hvem_der_laeser_den(phone_page, page):
    forloeb = _forloeb_med_advarsel()
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team)

    # The mentor, on her phone: the flag says whose it is and opens that entry form.
    p = phone_page
    login(p, forloeb.mentor.bruger.username, PASSWORD)
    advarsler = p.get_by_role("region", name="Mine advarsler")
    flag = advarsler.locator(f"li[data-forloeb='{forloeb.pk}']")
    expect(flag).to_contain_text("Rita Registrering")
    flag.get_by_role("link", name="Ret det her").click()
    kort = p.locator(f"#forloeb-{forloeb.pk}")
    expect(kort.get_by_role("form", name="Tilføj kontakt")).to_be_visible()
    expect(kort.get_by_role("form", name="Tilføj kontakt")).to_be_in_viewport()
    assert p.evaluate("document.documentElement.scrollWidth") <= 375

    # The caseworker reads it on the course page: not sent to the mentor's Min uge.
    login(page, forloeb.sagsbehandler.username, PASSWORD)
    page.goto(f"/forloeb/{forloeb.pk}/")
    ret = page.get_by_role("region", name="Advarsler på forløbet").get_by_role(
        "link", name="Ret det her"
    )
    assert "/tid/min-uge/" not in ret.get_attribute("href")
    with page.expect_navigation() as svar:
        ret.click()
    assert svar.value.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rita Registrering")

    # The team leader, on the course's flags: the link opens too.
    page.context.clear_cookies()
    login(page, leder.username, PASSWORD)
    page.goto(f"/compliance/forloeb/{forloeb.pk}/")
    ret = page.get_by_role("link", name="Ret det her").first
    href = ret.get_attribute("href")
    assert "/tid/min-uge/" not in href and "/mine-borgere/" not in href
    with page.expect_navigation() as svar:
        ret.click()
    assert svar.value.status == 200


def test_mentor_vurderer_progression_uden_forvalgt_tal_og_laeser_kommentaren(phone_page):
    team = TeamFactory()
    forloeb = aktivt_forloeb(
        team=team, borger=BorgerFactory(organisation=team.organisation, navn="Vera Vurdering")
    )
    arbejdspunkt = services.opret_arbejdspunkt(
        user=forloeb.sagsbehandler, forloeb=forloeb, titel="Møde til tiden om morgenen"
    )
    p = phone_page
    login(p, forloeb.mentor.bruger.username, PASSWORD)
    p.goto(f"/forloeb/mine-borgere/{forloeb.pk}/#arbejdspunkter")
    p.get_by_role("tab", name="Arbejdspunkter").click()
    punkt = p.locator(f"#arbejdspunkt-{arbejdspunkt.pk}")
    punkt.get_by_text("Vurdér progression").click()
    tal = punkt.get_by_label("Vurdering (1 = langt fra, 5 = nået)")
    expect(tal).to_have_value("")
    punkt.get_by_label("Kommentar").fill("Står op selv tre dage om ugen.")
    punkt.get_by_role("button", name="Gem vurdering").click()
    # No score chosen: the phone lands on the error, in Danish.
    summary = p.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vurdering (1 = langt fra, 5 = nået)")

    punkt = p.locator(f"#arbejdspunkt-{arbejdspunkt.pk}")
    punkt.get_by_label("Vurdering (1 = langt fra, 5 = nået)").select_option("4")
    punkt.get_by_label("Kommentar").fill("Står op selv tre dage om ugen.")
    punkt.get_by_role("button", name="Gem vurdering").click()
    p.get_by_role("tab", name="Arbejdspunkter").click()
    tabel = p.locator(f"#arbejdspunkt-{arbejdspunkt.pk}").get_by_role("table", name="Progression")
    kommentar = tabel.get_by_text("Står op selv tre dage om ugen.")
    expect(kommentar).to_be_visible()
    expect(tabel.locator("td.num").first).to_have_text("4")
    assert p.evaluate("document.documentElement.scrollWidth") <= 375
    assert_tilgaengelig(p, "arbejdspunkter med vurdering")
