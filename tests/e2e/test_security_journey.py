"""A caseworker reveals a CPR number in the browser; the team leader sees who looked."""

import pytest

from organisation.models import Rolle
from tests.e2e.conftest import login
from tests.factories import PASSWORD, aktivt_forloeb, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_cpr_visning_ses_i_adgangsloggen_og_historikken_af_teamlederen(browser, live_server):
    forloeb = aktivt_forloeb()
    borger, sb = forloeb.borger, forloeb.sagsbehandler
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team)

    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    csp_errors = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    login(page, sb.username, PASSWORD)
    page.goto(f"/forloeb/borgere/{borger.pk}/")
    assert page.get_by_text(borger.cpr_maskeret).is_visible()
    page.get_by_role("button", name="Vis CPR-nummer").click()
    page.get_by_text(borger.cpr_fuldt()).wait_for()
    assert csp_errors == []
    context.close()

    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, leder.username, PASSWORD)
    page.goto(f"/forloeb/borgere/{borger.pk}/adgangslog/")
    assert page.get_by_role("heading", name=f"Adgangslog for {borger.navn}").is_visible()
    rows = page.locator("tbody tr")
    navn = sb.get_full_name() or sb.username
    assert rows.filter(has_text=f"{navn} så det fulde CPR-nummer.").count() == 1
    page.get_by_label("Handling").select_option("vis_cpr")
    page.get_by_role("button", name="Vis").click()
    assert page.locator("tbody tr").count() == 1

    page.goto(f"/forloeb/{forloeb.pk}/historik/")
    assert page.get_by_role("heading", name=f"Historik for forløb {forloeb.pk}").is_visible()
    assert page.get_by_role("list", name="Ændringer").locator("li").count() >= 5
    context.close()
