"""Step 1 of a new course says at once what is missing; a draft can still be saved on
purpose, is listed on the worklist with its next step, and is cancelled with a reason."""

import pytest
from django.urls import reverse

from forloeb.models import Forloeb, Status
from organisation.models import Rolle
from tests.factories import BorgerFactory, ForloebFactory, MentorFactory, user_with_role
from tests.forloeb.test_views_sagsbehandler import html_of_field

pytestmark = pytest.mark.django_db


@pytest.fixture
def sb(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.force_login(user)
    return user


def _trin1(sb, **data):
    return {
        "team": sb.teams.get().pk,
        "stoettetype": "mentor",
        "lovgrundlag": "lab_167",
        **data,
    }


def _gyldige_valg(client, sb, borger):
    """The first choice of each select on the page, so the test follows the form."""
    form = client.get(reverse("forloeb:forloeb_opret", args=[borger.pk])).context["form"]
    return {navn: form.fields[navn].choices[0][0] for navn in ("stoettetype", "lovgrundlag")}


def test_trin_1_siger_straks_at_formaal_maal_og_opgaver_mangler(client, sb):
    borger = BorgerFactory(organisation=sb.organisation)
    data = _trin1(sb, **_gyldige_valg(client, sb, borger), handling="videre")
    response = client.post(reverse("forloeb:forloeb_opret", args=[borger.pk]), data)
    assert response.status_code == 400
    for felt in ("formaal", "maal", "opgaver"):
        assert "Forløbet skal have" in html_of_field(response, felt)
    assert not Forloeb.objects.filter(borger=borger).exists()


def test_gem_som_kladde_gemmer_uden_formaal_maal_og_opgaver(client, sb):
    borger = BorgerFactory(organisation=sb.organisation)
    data = _trin1(sb, **_gyldige_valg(client, sb, borger), handling="kladde")
    response = client.post(reverse("forloeb:forloeb_opret", args=[borger.pk]), data)
    kladde = Forloeb.objects.get(borger=borger)
    assert kladde.status == Status.KLADDE
    assert response.url == reverse("forloeb:forloeb_detalje", args=[kladde.pk])


def test_arbejdslisten_viser_kladdens_naeste_skridt(client, sb):
    team = sb.teams.get()
    uden_indhold = ForloebFactory(team=team, sagsbehandler=sb, formaal="", maal="", opgaver="")
    uden_mentor = ForloebFactory(team=team, sagsbehandler=sb)
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert reverse("forloeb:forloeb_rediger", args=[uden_indhold.pk]) in html
    assert reverse("forloeb:forloeb_mentor", args=[uden_mentor.pk]) in html
    assert reverse("forloeb:forloeb_annuller", args=[uden_mentor.pk]) in html
    assert uden_indhold.borger.navn in html and uden_mentor.borger.navn in html


def test_kladde_annulleres_med_begrundelse_og_forsvinder_fra_arbejdslisten(client, sb):
    kladde = ForloebFactory(team=sb.teams.get(), sagsbehandler=sb)
    url = reverse("forloeb:forloeb_annuller", args=[kladde.pk])
    response = client.post(url, {"begrundelse": ""})
    assert response.status_code == 400
    assert html_of_field(response, "begrundelse")
    client.post(url, {"begrundelse": "Borgeren er flyttet."})
    kladde.refresh_from_db()
    assert kladde.status == Status.AFSLUTTET
    assert kladde.afslutning.exitplan == "Borgeren er flyttet."
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert kladde.borger.navn not in html


def test_mentortrinnet_viser_problemomraader_oensker_og_forslag(client, sb):
    kladde = ForloebFactory(
        team=sb.teams.get(),
        sagsbehandler=sb,
        borger=BorgerFactory(
            organisation=sb.organisation,
            problemomraader=["oekonomi"],
            oensker_til_mentor="Gerne en kvinde over 40.",
        ),
    )
    passer = MentorFactory(
        organisation=sb.organisation, navn="Olga Økonomi", specialiseringer=["oekonomi"]
    )
    MentorFactory(organisation=sb.organisation, navn="Anders Anden", specialiseringer=[])
    response = client.get(reverse("forloeb:forloeb_mentor", args=[kladde.pk]))
    html = response.content.decode()
    assert "Økonomi" in html and ">oekonomi<" not in html
    assert "Gerne en kvinde over 40." in html
    forslag = response.context["forslag"]
    assert forslag[0].mentor.pk == passer.pk  # the one whose specialisation fits first
    assert any("Økonomi" in grund for grund in forslag[0].grunde)
    assert html.count('badge badge-success">Forslag') == len(forslag)
