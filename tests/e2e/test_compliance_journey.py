"""Journeys: a team leader drills from a dashboard tile to the courses behind it; a
caseworker finds a new flag under "Mine advarsler" and follows it to where it is fixed."""

import datetime as dt

import pytest
from django.utils import timezone

from compliance import services
from forloeb.models import Bevilling, Forloeb
from organisation.models import Rolle
from tests.compliance.conftest import kompliant_forloeb, seneste_torsdag
from tests.e2e.conftest import login
from tests.factories import PASSWORD, TeamFactory, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _fejl(page):
    """Script errors and CSP refusals (a missing favicon is not ours to judge)."""
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


def test_teamleder_klikker_paa_flise_og_ser_praecis_forloebene_bag(page):
    today = seneste_torsdag()
    team = TeamFactory()
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    udloeber = [kompliant_forloeb(today, team=team) for _ in range(2)]
    kompliant_forloeb(today, team=team)
    for f in udloeber:
        Bevilling.objects.filter(forloeb=f).update(
            slut=timezone.localdate() + dt.timedelta(days=12)
        )
    fremmed = kompliant_forloeb(today)  # another team's course ends too
    Bevilling.objects.filter(forloeb=fremmed).update(
        slut=timezone.localdate() + dt.timedelta(days=12)
    )
    services.scan()
    errors = _fejl(page)

    login(page, leder.username, PASSWORD)
    assert page.url.endswith("/compliance/")
    tile = page.locator("#tile-udloeber a[data-maal='udloeber']")
    assert tile.inner_text() == "2"
    # The charts are drawn by Chart.js from the static file, with no CSP violations.
    page.wait_for_function("window.Chart && Chart.getChart('chart-varighed') !== undefined")
    tile.click()
    page.wait_for_url("**/compliance/forloeb/?maal=udloeber*")
    ids = {
        int(x)
        for x in page.locator("#forloeb-tabel tbody tr[data-forloeb]").evaluate_all(
            "rows => rows.map(r => r.dataset.forloeb)"
        )
    }
    assert ids == {f.pk for f in udloeber}
    assert errors == []


def test_sagsbehandler_ser_ny_advarsel_paa_startsiden_og_foelger_linket(page):
    today = seneste_torsdag()
    forloeb = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    services.scan()

    login(page, forloeb.sagsbehandler.username, PASSWORD)
    advarsler = page.get_by_role("region", name="Mine advarsler")
    gruppe = advarsler.locator(f"tbody[data-forloeb='{forloeb.pk}']")
    assert forloeb.borger.navn in gruppe.inner_text()
    item = gruppe.locator("tr[data-regel='OPGAVER_MANGLER']")
    assert "Mentorens opgaver er ikke beskrevet" in item.inner_text()
    assert "Beskriv, hvad mentoren skal gøre" in item.inner_text()
    item.get_by_role("link", name="Ret det her").click()
    page.wait_for_url(f"**/forloeb/{forloeb.pk}/rediger/")
    assert page.locator("form").count() >= 1
