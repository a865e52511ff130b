"""Journey: the administrator uploads the example files, watches the progress bar, and
reads the report when a worker has run the import."""

import pytest
from playwright.sync_api import expect

from forloeb.models import Forloeb
from indlaesning.models import Indlaesning
from indlaesning.tasks import koer_indlaesning
from organisation.models import Rolle
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import PASSWORD, TeamFactory, UserFactory, mentor_with_login, user_with_role

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
EKSEMPEL = "docs/import/"


def test_administratoren_indlaeser_eksempelfilerne_fra_skaermen(page):
    team = TeamFactory(navn="Team Ungeindsats")
    UserFactory(
        username="sagsbehandler",
        roller=[Rolle.SAGSBEHANDLER],
        organisation=team.organisation,
        teams=[team],
    )
    mentor_with_login(team, email="mads.mentor@kommune.invalid")
    mentor_with_login(team, email="lene.larsen@kommune.invalid")
    admin = user_with_role(Rolle.ADMINISTRATOR, team=team)
    login(page, admin.username, PASSWORD)
    page.goto("/indlaesning/")
    assert_tilgaengelig(page, "indlæsning")
    page.get_by_label("Forløbsfil (.csv eller .xlsx)").set_input_files(
        EKSEMPEL + "eksempel_forloeb.csv"
    )
    page.get_by_label("Ugefil (valgfri)").set_input_files(EKSEMPEL + "eksempel_uger.csv")
    page.get_by_label("Gem forløbene (ellers en prøvekørsel, der intet gemmer)").check()
    page.get_by_role("button", name="Indlæs").click()
    expect(page.locator("progress#fremdrift")).to_be_visible()

    # The worker's part, on today's clock like the browser (a travelling clock would
    # expire the browser's session): the example's dates all lie before December 2026.
    koer_indlaesning(indlaesning_id=Indlaesning.objects.get().pk)
    # The page reloads itself (no script) and shows the report.
    expect(page.locator("p.font-lead[role=status]")).to_contain_text(
        "2 oprettet, 0 opdateret, 0 uændret, 0 med fejl.", timeout=15_000
    )
    assert page.locator("progress").count() == 0
    assert_tilgaengelig(page, "indlæsningsrapport")
    assert Forloeb.objects.count() == 2
