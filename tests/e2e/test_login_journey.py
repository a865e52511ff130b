import pytest

from organisation.models import Rolle
from tests.e2e.conftest import login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_mentor_logger_ind_paa_telefon_og_ud_igen(phone_page):
    user = user_with_role(Rolle.MENTOR)
    login(phone_page, user.username, PASSWORD)
    assert phone_page.url.endswith("/tid/min-uge/")
    # Nothing overflows the phone's width.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    # On a phone the main menu and "Log ud" sit behind DKFDS' menu button.
    phone_page.get_by_role("button", name="Menu").click()
    assert phone_page.get_by_role("navigation", name="Hovedmenu").is_visible()
    phone_page.get_by_role("button", name="Log ud").click()
    assert phone_page.get_by_role("heading", name="Du er logget ud").is_visible()
