"""The Django admin in the browser: Danish section names, also for the login attempts and
scheduled tasks, and a rule setting outside its range refused with a Danish message
(not the database constraint's name)."""

import pytest
from playwright.sync_api import expect

from compliance.models import Regelindstillinger
from organisation.models import Rolle
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_admin_er_paa_dansk_og_en_ugyldig_regelindstilling_afvises_paa_dansk(page):
    indstillinger = Regelindstillinger.hent()
    admin = UserFactory(roller=[Rolle.ADMINISTRATOR], is_staff=True, is_superuser=True)
    login(page, admin.username, PASSWORD)
    page.goto("/admin/")
    indhold = page.locator("#content")
    for dansk in ("Planlagte opgaver", "Loginforsøg"):
        expect(indhold).to_contain_text(dansk)
    for engelsk in ("Periodic tasks", "Access attempts", "Axes"):
        expect(indhold).not_to_contain_text(engelsk)

    page.goto(f"/admin/compliance/regelindstillinger/{indstillinger.pk}/change/")
    page.get_by_label("Sidste ugedag for registrering af forrige uge", exact=False).fill("9")
    page.get_by_role("button", name="Gem", exact=True).click()
    fejl = page.locator(".errornote, .errorlist").first
    expect(fejl).to_be_visible()
    tekst = page.locator("#content").inner_text()
    assert "regelindstillinger_ugedag_1_7" not in tekst and "Begrænsning" not in tekst
    assert "Fristens ugedag skal være fra 1 (mandag) til 7 (søndag)." in tekst
    indstillinger.refresh_from_db()
    assert indstillinger.registrering_frist_ugedag == 3
