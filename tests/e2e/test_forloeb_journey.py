"""A caseworker's journey in the browser: a new citizen, a course with a mentor and a first
period, the agreement, a second period with an assessment, and a refused 7-month period."""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Adgangslog, Handling
from forloeb import services
from forloeb.models import Borger, Forloeb, Status
from organisation.models import Rolle
from tests.e2e.conftest import login
from tests.factories import PASSWORD, MentorFactory, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_sagsbehandler_opretter_forloeb_og_bevilger_anden_periode(page):
    sb = user_with_role(Rolle.SAGSBEHANDLER)
    mentor = MentorFactory(
        organisation=sb.organisation, navn="Mette Mentorsen", specialiseringer=["unge"]
    )
    login(page, sb.username, PASSWORD)
    expect(page.get_by_role("heading", name="Min arbejdsliste")).to_be_visible()

    # Find borger -> create a new citizen.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Find borger").click()
    page.get_by_role("link", name="Opret ny borger").click()
    page.get_by_label("CPR-nummer").fill("150395-1234")
    page.get_by_label("Navn", exact=True).fill("Jonas Testborger")
    page.get_by_label("Ydelsesgruppe").select_option("kontanthjaelp")
    page.get_by_role("button", name="Opret borger").click()
    expect(page.get_by_role("heading", name="Jonas Testborger")).to_be_visible()
    expect(page.get_by_text("150395-xxxx")).to_be_visible()
    borger = Borger.objects.get(navn="Jonas Testborger")

    # New course: purpose, goal, tasks.
    page.get_by_role("link", name="Opret nyt forløb").click()
    page.get_by_label("Formål (LAB § 167)").select_option("uddannelse")
    page.get_by_label("Konkret mål").fill("Jonas starter på en erhvervsuddannelse i august.")
    page.get_by_label("Mentorens opgaver").fill("Støtte til struktur og fremmøde.")
    page.get_by_role("button", name="Opret forløb og vælg mentor").click()

    # Mentor from the list with caseload and specialisations.
    expect(page.get_by_role("heading", name="Vælg mentor")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Mette Mentorsen"))
    expect(row).to_contain_text("0 / 15")
    expect(row).to_contain_text("Unge")
    page.get_by_label("Mette Mentorsen").check()
    page.get_by_role("button", name="Tilknyt mentor").click()

    # First period and hours.
    expect(page.get_by_role("heading", name="Bevilg første periode")).to_be_visible()
    page.get_by_label("Timer pr. uge").fill("3")
    page.get_by_label("Vurdering af mentorens kvalifikationer").fill(
        "Mette er uddannet mentor og arbejder med unge."
    )
    page.get_by_role("button", name="Bevilg periode").click()

    # Lands on the agreement.
    expect(page.get_by_role("heading", name="Mentoraftale", exact=True)).to_be_visible()
    aftale = page.locator("article.aftale")
    expect(aftale).to_contain_text("Jonas starter på en erhvervsuddannelse i august.")
    expect(aftale).to_contain_text("Mette Mentorsen")
    expect(aftale).to_contain_text("3 timer pr. uge")
    expect(aftale).to_contain_text("Klagevejledning")
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()

    forloeb = Forloeb.objects.get(borger=borger)
    assert forloeb.status == Status.AKTIV
    assert forloeb.mentor == mentor
    foerste = forloeb.bevillinger.get()
    assert foerste.start == timezone.localdate()

    # Course page: a new period. 7 months is refused with the Danish message on the page.
    page.get_by_role("link", name="Tilbage til forløbet").click()
    expect(page.get_by_role("heading", name=re.compile("Forløb"))).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Bevillingsperiode 1")
    page.get_by_role("link", name="Ny periode").click()
    start = foerste.slut + dt.timedelta(days=1)
    page.get_by_label("Slut", exact=True).fill((start + relativedelta(months=7)).isoformat())
    page.get_by_label("Konkret vurdering af ny periode").fill(
        "Jonas er i gang, men har brug for støtte det første halve år på skolen."
    )
    page.get_by_role("button", name="Bevilg periode").click()
    fejl = page.locator("#id_slut_error")
    expect(fejl).to_contain_text("En bevillingsperiode må højst vare 6 måneder")
    expect(fejl).to_contain_text(f"{services.seneste_slutdato(start):%d.%m.%Y}")
    assert forloeb.bevillinger.count() == 1

    # Within 6 months, with the assessment: granted, and the new agreement opens.
    page.get_by_label("Slut", exact=True).fill(services.seneste_slutdato(start).isoformat())
    page.get_by_role("button", name="Bevilg periode").click()
    expect(page.get_by_role("heading", name="Mentoraftale", exact=True)).to_be_visible()
    expect(page.locator("article.aftale")).to_contain_text(f"{start:%d.%m.%Y} til")

    anden = forloeb.bevillinger.order_by("start").last()
    assert forloeb.bevillinger.count() == 2
    assert anden.start == start
    assert anden.vurdering.startswith("Jonas er i gang")
    assert Adgangslog.objects.filter(bruger=sb, handling=Handling.VIS_FORLOEB).exists()
