"""Every page works without JavaScript: DKFDS' drawer menu and tabs are enhancements."""

import pytest

from organisation.models import Rolle
from tests.e2e.conftest import login
from tests.factories import PASSWORD, aktivt_forloeb, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def uden_js(browser, live_server):
    def side(**kwargs):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=False, locale="da-DK", **kwargs
        )
        kontekster.append(context)
        return context.new_page()

    kontekster = []
    yield side
    for context in kontekster:
        context.close()


def test_uden_javascript_staar_menuen_paa_telefonen_i_siden(uden_js):
    """The drawer needs JavaScript; without it the menu and "Log ud" are in the page."""
    page = uden_js(viewport={"width": 375, "height": 812})
    user = user_with_role(Rolle.MENTOR)
    login(page, user.username, PASSWORD)
    menu = page.get_by_role("navigation", name="Hovedmenu")
    assert menu.is_visible()
    assert menu.get_by_role("link", name="Mine borgere").is_visible()
    assert page.get_by_role("button", name="Menu").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Log ud").click()
    assert page.get_by_role("heading", name="Du er logget ud").is_visible()


def test_uden_javascript_viser_forloebssiden_alle_afsnit_efter_hinanden(uden_js):
    forloeb = aktivt_forloeb()
    page = uden_js()
    login(page, forloeb.sagsbehandler.username, PASSWORD)
    page.goto(f"/forloeb/{forloeb.pk}/")
    assert page.get_by_role("tablist").count() == 0 or page.get_by_role("tablist").is_hidden()
    for afsnit in ("Overblik", "Bevillinger og mentoraftaler", "Tidslinje"):
        assert page.get_by_role("heading", name=afsnit, exact=True).is_visible(), afsnit
    # The delivery panel is a link instead of an htmx load.
    page.get_by_role("link", name="Se levering (bevilgede og leverede timer)").click()
    assert page.get_by_role("heading", name="Bevilget og leveret").is_visible()
