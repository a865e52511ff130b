"""The caseworker's screens in the browser, on a desktop and a 375 px phone: flags and
drafts by the citizen's name, step 1 that says at once what is missing, a draft saved on
purpose and cancelled with a reason, the top bar's search (a CPR number by POST, never in
the address), an ended course without edit buttons, and the printed agreement."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.models import Advarsel
from forloeb import services
from forloeb.models import Forloeb, Status
from organisation.models import Rolle
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import PASSWORD, BorgerFactory, aktivt_forloeb, cpr_for, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Screenshots for a person to look at (not compared): MENTORSAG_SKAERMBILLEDER=<dir>.
SKAERMBILLEDER = os.environ.get("MENTORSAG_SKAERMBILLEDER")


def _foto(page, navn):
    if SKAERMBILLEDER:
        Path(SKAERMBILLEDER).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SKAERMBILLEDER}/{navn}.png", full_page=True)


def _verden():
    sb = user_with_role(Rolle.SAGSBEHANDLER)
    team = sb.teams.get()
    forloeb = aktivt_forloeb(
        team=team,
        sagsbehandler=sb,
        borger=BorgerFactory(
            organisation=sb.organisation, navn="Signe Flagsen", cpr_nummer=cpr_for(1717)
        ),
        start=timezone.localdate() - dt.timedelta(weeks=6),
    )
    nu = timezone.now()
    Advarsel.objects.create(
        regel="OPGAVER_MANGLER",
        forloeb=forloeb,
        ansvarlig=sb,
        siden=timezone.localdate() - dt.timedelta(days=12),
        foerst_set=nu,
        sidst_set=nu,
    )
    return sb, forloeb


@pytest.mark.parametrize("skaerm", ["page", "phone_page"])
def test_arbejdsliste_soegning_og_kladde(request, skaerm):
    page = request.getfixturevalue(skaerm)
    sb, forloeb = _verden()
    ny_borger = BorgerFactory(organisation=sb.organisation, navn="Karl Kladdesen")
    login(page, sb.username, PASSWORD)

    # The worklist names the citizen, groups the flag under the course, with its age.
    advarsler = page.get_by_role("region", name="Mine advarsler")
    gruppe = advarsler.locator(f"tbody[data-forloeb='{forloeb.pk}']")
    expect(gruppe).to_contain_text("Signe Flagsen")
    expect(gruppe).to_contain_text(f"forløb {forloeb.pk}")
    expect(gruppe.locator("tr[data-regel='OPGAVER_MANGLER'] td.num")).to_have_text("12")
    assert_tilgaengelig(page, f"arbejdsliste ({skaerm})")
    _foto(page, f"arbejdsliste-{skaerm}")

    # Step 1 empty: the error summary names purpose, goal and tasks at once.
    page.goto(f"/forloeb/borgere/{ny_borger.pk}/nyt-forloeb/")
    page.get_by_role("button", name="Opret forløb og vælg mentor").click()
    opsummering = page.locator(".error-summary, [data-fejlopsummering]").first
    expect(opsummering).to_be_visible()
    for felt in ("formål", "konkret mål", "mentorens opgaver"):
        expect(opsummering).to_contain_text(felt)
    assert not Forloeb.objects.filter(borger=ny_borger).exists()
    assert_tilgaengelig(page, f"trin 1 med fejl ({skaerm})")

    # "Gem som kladde" saves it anyway; the worklist shows it with its next step.
    page.get_by_role("button", name="Gem som kladde").click()
    kladde = Forloeb.objects.get(borger=ny_borger)
    assert kladde.status == Status.KLADDE
    page.goto("/forloeb/arbejdsliste/")
    raekke = page.locator(f"#kladdetabel tr[data-forloeb='{kladde.pk}']")
    expect(raekke).to_contain_text("Karl Kladdesen")
    raekke.get_by_role("link", name="Beskriv formål, mål og opgaver").wait_for()

    # Cancel it with a reason.
    raekke.get_by_role("link", name="Annullér kladden").click()
    page.get_by_label("Hvorfor annulleres kladden?").fill("Oprettet ved en fejl.")
    page.get_by_role("button", name="Annullér kladden").click()
    expect(page.get_by_text("Kladden er annulleret.")).to_be_visible()
    kladde.refresh_from_db()
    assert kladde.status == Status.AFSLUTTET

    # The top bar's search: a CPR number opens the citizen, and is not in the address.
    if skaerm == "phone_page":
        page.get_by_role("button", name="Menu").click()
        boks = page.locator("#hurtig-soeg-mobil")
    else:
        boks = page.locator("#hurtig-soeg")
    nummer = cpr_for(1717)
    boks.fill(f"{nummer[:6]}-{nummer[6:]}")
    boks.press("Enter")
    expect(page.get_by_role("heading", name="Signe Flagsen")).to_be_visible()
    assert nummer[6:] not in page.url and nummer[:6] not in page.url
    _foto(page, f"borger-{skaerm}")


def test_afsluttet_forloeb_og_udskrevet_aftale(page):
    sb, forloeb = _verden()
    aftale = forloeb.bevillinger.get().aftale
    login(page, sb.username, PASSWORD)

    # Printed, the agreement has signature lines and no internal remark.
    page.goto(f"/forloeb/aftaler/{aftale.pk}/")
    expect(page.get_by_text("Endnu ikke udleveret til borgeren.")).to_be_visible()
    udskrevet = page.get_by_text(f"Udskrevet {timezone.localdate():%d.%m.%Y}")
    expect(udskrevet).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.get_by_text("Endnu ikke udleveret til borgeren.")).to_be_hidden()
    expect(page.get_by_text("Dato og borgerens underskrift")).to_be_visible()
    # The PDF (WeasyPrint, same template) carries the same print-only line.
    expect(udskrevet).to_be_visible()
    page.emulate_media(media="screen")
    _foto(page, "aftale-page")

    services.afslut_forloeb(
        user=sb,
        forloeb=forloeb,
        dato=timezone.localdate(),
        aarsag="job",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    page.goto(f"/forloeb/{forloeb.pk}/")
    expect(page.locator(".facts").first).to_contain_text("Afsluttet")
    expect(page.locator(".facts").first).not_to_contain_text("Aktuel periode")
    handlinger = page.get_by_role("navigation", name="Handlinger på forløbet")
    for knap in ("Ny periode", "Ændr timer", "Registrér møde", "Redigér formål, mål og opgaver"):
        expect(handlinger.get_by_role("link", name=knap)).to_have_count(0)
    # An old bookmark to an edit form goes back with the reason.
    page.goto(f"/forloeb/{forloeb.pk}/moede/")
    expect(page.get_by_text("Forløbet er afsluttet og kan ikke ændres.")).to_be_visible()
    assert_tilgaengelig(page, "afsluttet forløb")
    _foto(page, "afsluttet-page")
