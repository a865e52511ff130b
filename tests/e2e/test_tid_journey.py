"""A mentor logs a week on a phone; the caseworker sees the delivery and approves."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import PASSWORD, aktivt_forloeb
from tidsregistrering.models import Ugeregistrering

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _mandag(uger_siden: int) -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday(), weeks=uger_siden)


def test_mentor_registrerer_ugen_paa_telefon_og_sagsbehandler_godkender(phone_page, page):
    forloeb = aktivt_forloeb(start=_mandag(5), timer="2")
    mentor = forloeb.mentor.bruger
    navn = forloeb.borger.navn
    # A second citizen: the list then shows states and a "Registrér" link per citizen, and
    # the entry form opens for the one chosen.
    anden = aktivt_forloeb(team=forloeb.team, mentor=forloeb.mentor, start=_mandag(5))

    # --- The mentor, on a 375 px phone --------------------------------------------------
    p = phone_page
    login(p, mentor.username, PASSWORD)
    assert p.url.endswith("/tid/min-uge/")
    row = p.locator(f"#forloeb-{forloeb.pk}")
    expect(row.get_by_text(navn)).to_be_visible()
    expect(row.get_by_text("Denne uge: Mangler")).to_be_visible()
    expect(row.get_by_text("Sidste uge: Mangler")).to_be_visible()
    expect(p.get_by_role("form", name="Tilføj kontakt")).to_have_count(0)
    expect(p.locator(f"#forloeb-{anden.pk}").get_by_role("link", name="Registrér")).to_be_visible()
    row.get_by_role("link", name=f"Registrér for {navn}").click()
    row = p.locator(f"#forloeb-{forloeb.pk}")

    form = row.get_by_role("form", name="Tilføj kontakt")
    # The date defaults to today.
    expect(form.get_by_label("Dato")).to_have_value(timezone.localdate().isoformat())
    form.get_by_label("Minutter").fill("45")
    form.get_by_label("Struktur i hverdagen").check()
    form.get_by_role("button", name="Gem kontakt").click()
    expect(p.get_by_text("Kontakten er gemt.")).to_be_visible()
    # The same citizen stays open for the next contact; the other one still has no form.
    expect(p.get_by_role("form", name="Tilføj kontakt")).to_have_count(1)

    form = p.locator(f"#forloeb-{forloeb.pk}").get_by_role("form", name="Tilføj kontakt")
    form.get_by_label("Minutter").fill("30")
    form.get_by_label("Kontaktform").select_option(label="Telefon")
    form.get_by_label("Arbejde/praktik").check()
    form.get_by_role("button", name="Gem kontakt").click()
    row = p.locator(f"#forloeb-{forloeb.pk}")
    expect(row.get_by_text("Denne uge: Registreret")).to_be_visible()
    expect(row.get_by_text(re.compile(r"I alt 1,25 timer"))).to_be_visible()

    # Last week: one tap, and no contact because the citizen did not show up.
    p.get_by_role("link", name=re.compile("Sidste uge")).click()
    row = p.locator(f"#forloeb-{forloeb.pk}")
    row.get_by_role("link", name=f"Registrér for {navn}").click()
    row = p.locator(f"#forloeb-{forloeb.pk}")
    row.get_by_text("Ingen kontakt i ugen").click()
    row.get_by_label("Årsag").select_option(label="Borger udeblev")
    row.get_by_role("button", name="Gem ingen kontakt").click()
    row = p.locator(f"#forloeb-{forloeb.pk}")
    expect(row.get_by_text("Sidste uge: Ingen kontakt")).to_be_visible()
    expect(row.get_by_text("Denne uge: Registreret")).to_be_visible()
    assert p.evaluate("document.documentElement.scrollWidth") <= 375
    assert Ugeregistrering.objects.filter(forloeb=forloeb).count() == 2

    # --- The caseworker, on the course page ---------------------------------------------
    sb = forloeb.sagsbehandler
    login(page, sb.username, PASSWORD)
    # The course page loads the delivery panel with htmx.
    page.goto(reverse("forloeb:forloeb_detalje", args=[forloeb.pk]))
    panel = page.locator(f"#levering-{forloeb.pk}")
    expect(panel.get_by_test_id("leveret-i-alt")).to_have_text("1,25 timer")
    forrige = _mandag(1).isocalendar()
    expect(panel.locator(f"#uge-{forrige[0]}-{forrige[1]}")).to_contain_text("Ingen kontakt")
    panel.get_by_role("button", name=f"Godkend uge {forrige[1]}").click()
    expect(page.get_by_text(f"Uge {forrige[1]}/{forrige[0]} er godkendt.")).to_be_visible()
    assert Ugeregistrering.objects.get(forloeb=forloeb, uge_start=_mandag(1)).godkendt_af == sb

    # The approved week is locked for the mentor.
    p.goto("/tid/min-uge/?uge=forrige")
    row = p.locator(f"#forloeb-{forloeb.pk}")
    expect(row.get_by_role("link", name=f"Registrér for {navn}")).to_have_count(0)
    row.get_by_text(navn).click()  # opens the citizen's week
    expect(row.get_by_text("Godkendt af sagsbehandler – låst")).to_be_visible()


def test_mentor_skriver_timer_og_minutter_og_lander_paa_fejlen_paa_telefonen(phone_page):
    forloeb = aktivt_forloeb(start=_mandag(5), timer="2")
    navn = forloeb.borger.navn
    p = phone_page
    login(p, forloeb.mentor.bruger.username, PASSWORD)
    row = p.locator(f"#forloeb-{forloeb.pk}")
    form = row.get_by_role("form", name="Tilføj kontakt")
    expect(form.get_by_role("group", name="Varighed")).to_be_visible()
    form.get_by_label("Minutter").fill("75")
    form.get_by_role("button", name="Gem kontakt").click()
    summary = p.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Minutter skal være mellem 0 og 59")
    assert "2220" not in p.content()
    summary.get_by_role("link", name=re.compile("Minutter")).click()
    form = p.locator(f"#forloeb-{forloeb.pk}").get_by_role("form", name="Tilføj kontakt")
    expect(form.get_by_label("Minutter")).to_be_focused()
    form.get_by_label("Timer").fill("1")
    form.get_by_label("Minutter").fill("15")
    form.get_by_role("button", name="Gem kontakt").click()
    expect(p.get_by_text("Kontakten er gemt.")).to_be_visible()
    expect(
        p.locator(f"#forloeb-{forloeb.pk}").get_by_text(re.compile("1 t 15 min"))
    ).to_be_visible()
    assert Ugeregistrering.objects.get(forloeb=forloeb).minutter_i_alt == 75

    # A week that has not begun says so, and this week is shown.
    aar, uge, _dag = _mandag(-2).isocalendar()
    p.goto(f"/tid/min-uge/?aar={aar}&uge={uge}")
    expect(p.get_by_test_id("uge-besked")).to_contain_text(f"Uge {uge}, {aar} er ikke begyndt")
    expect(p.get_by_role("link", name=re.compile("Denne uge"))).to_have_attribute(
        "aria-current", "page"
    )
    expect(p.get_by_text(navn)).to_be_visible()
