"""The coordinator's waiting list in the browser: suggestions that say why, any active
mentor to choose beyond them, a confirmation before anything changes, and the
caseworker told on her worklist."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forloeb.models import Forloeb
from organisation.models import Rolle
from tests.e2e.axe import assert_tilgaengelig
from tests.e2e.conftest import login
from tests.factories import (
    PASSWORD,
    BorgerFactory,
    ForloebFactory,
    MentorFactory,
    TeamFactory,
    user_with_role,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("skaerm", ["page", "phone_page"])
def test_koordinator_vaelger_en_mentor_uden_for_forslagene_og_sagsbehandleren_faar_besked(
    request, skaerm
):
    page = request.getfixturevalue(skaerm)
    team = TeamFactory()
    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=team)
    venter = ForloebFactory(
        team=team,
        borger=BorgerFactory(
            organisation=team.organisation,
            navn="Vibeke Venter",
            oensket_koen="kvinde",
            oensket_alder="35_50",
        ),
    )
    aar = timezone.localdate().year
    org = team.organisation
    karen = MentorFactory(
        organisation=org, navn="Karen Kvinde", koen="kvinde", foedselsaar=aar - 42
    )
    MentorFactory(organisation=org, navn="Mads Mand", koen="mand", foedselsaar=aar - 40)
    MentorFactory(organisation=org, navn="Ulla Ung", koen="kvinde", foedselsaar=aar - 25)
    MentorFactory(organisation=org, navn="Bente Bred", koen="kvinde", foedselsaar=aar - 60)
    MentorFactory(organisation=org, navn="Nina Nogen", koen="mand", foedselsaar=aar - 70)

    login(page, koordinator.username, PASSWORD)
    page.goto("/forloeb/venteliste/")
    punkt = page.get_by_test_id(f"vente-{venter.pk}")
    expect(punkt).to_contain_text("Vibeke Venter")
    expect(punkt).to_contain_text("En kvindelig mentor")
    # The best suggestion first, with its reasons in words.
    forslag = punkt.get_by_test_id(f"forslag-{karen.pk}")
    expect(forslag).to_contain_text("Kvinde, som borgeren ønsker")
    expect(forslag).to_contain_text("42 år, som ønsket (35–50 år)")
    foreslaaede = punkt.locator("[data-testid^='forslag-']").count()
    assert 1 <= foreslaaede <= 3

    # Any active mentor can be chosen, beyond the suggestions.
    valg = punkt.get_by_label("Eller vælg en anden aktiv mentor")
    assert valg.locator("option").count() == 5
    nina = valg.locator("option", has_text="Nina Nogen").get_attribute("value")
    valg.select_option(nina)
    punkt.get_by_role("button", name="Gå videre").click()

    # A confirmation first; nothing has changed yet.
    expect(page.get_by_role("heading", level=1, name="Tilknyt mentor")).to_be_visible()
    expect(page.get_by_text("Vil du gøre Nina Nogen til mentor for Vibeke Venter?")).to_be_visible()
    assert Forloeb.objects.get(pk=venter.pk).mentor is None
    assert_tilgaengelig(page, f"bekræft tilknytning ({skaerm})")
    page.get_by_role("button", name="Ja, tilknyt Nina Nogen").click()
    expect(page.get_by_text("Sagsbehandleren får besked.")).to_be_visible()
    assert Forloeb.objects.get(pk=venter.pk).mentor.navn == "Nina Nogen"
    expect(page.get_by_test_id(f"vente-{venter.pk}")).to_have_count(0)

    # The caseworker sees it on her worklist.
    page.context.clear_cookies()
    login(page, venter.sagsbehandler.username, PASSWORD)
    expect(page.get_by_text("Nye mentorer på dine forløb")).to_be_visible()
    expect(page.get_by_text("gjorde Nina Nogen til mentor for Vibeke Venter")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_dobbelte_og_opgivne_kladder_fylder_ikke_paa_ventelisten(page):
    team = TeamFactory()
    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=team)
    borger = BorgerFactory(organisation=team.organisation, navn="Dorte Dublet")
    foerste = ForloebFactory(team=team, borger=borger)
    nyeste = ForloebFactory(team=team, borger=borger)
    gammel = ForloebFactory(
        team=team, borger=BorgerFactory(organisation=team.organisation, navn="Gorm Gammel")
    )
    Forloeb.objects.filter(pk=gammel.pk).update(
        oprettet=timezone.now() - timezone.timedelta(days=90)
    )
    login(page, koordinator.username, PASSWORD)
    page.goto("/forloeb/venteliste/")
    expect(page.locator("[data-testid^='vente-']")).to_have_count(1)
    expect(page.get_by_test_id(f"vente-{nyeste.pk}")).to_contain_text("Dorte Dublet")
    expect(page.get_by_test_id(f"vente-{foerste.pk}")).to_have_count(0)
    # The hidden drafts are one click away, each with why.
    page.get_by_text("2 kladder er ikke vist").click()
    expect(page.get_by_text("Borgeren har et andet forløb på ventelisten")).to_be_visible()
    expect(page.get_by_text("Kladde uden bevilling i over 60 dage")).to_be_visible()
    expect(page.get_by_text("Gorm Gammel", exact=False)).to_be_visible()
