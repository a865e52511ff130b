"""The caseworker's screens offer only what the course's state allows, and say whom a flag
or a draft is about by the citizen's name."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.models import Advarsel
from forloeb import services
from organisation.models import Rolle
from tests.factories import ForloebFactory, aktivt_forloeb, user_with_role

pytestmark = pytest.mark.django_db

HANDLINGER_PAA_AKTIVT = ["forloeb_timer", "forloeb_moede", "forloeb_opfoelgning", "forloeb_afslut"]
REDIGERING = ["forloeb_rediger", "forloeb_periode", "forloeb_mentor"]


@pytest.fixture
def sb(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.force_login(user)
    return user


def _afsluttet(sb):
    forloeb = aktivt_forloeb(team=sb.teams.get(), sagsbehandler=sb)
    services.afslut_forloeb(
        user=sb,
        forloeb=forloeb,
        dato=timezone.localdate(),
        aarsag="job",
        borger_vurdering=5,
        mentor_vurdering=5,
    )
    return forloeb


def _side(client, forloeb):
    return client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()


def test_afsluttet_forloeb_viser_afsluttet_og_ingen_redigering(client, sb):
    forloeb = _afsluttet(sb)
    html = _side(client, forloeb)
    assert "Afsluttet" in html
    assert "Aktuel periode" not in html
    for navn in HANDLINGER_PAA_AKTIVT + REDIGERING:
        assert reverse(f"forloeb:{navn}", args=[forloeb.pk]) not in html, navn
    assert reverse("forloeb:forloeb_resultat", args=[forloeb.pk]) in html


@pytest.mark.parametrize("navn", HANDLINGER_PAA_AKTIVT + REDIGERING)
def test_afsluttet_forloebs_formularer_sender_tilbage_med_grunden(client, sb, navn):
    forloeb = _afsluttet(sb)
    response = client.get(reverse(f"forloeb:{navn}", args=[forloeb.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("forloeb:forloeb_detalje", args=[forloeb.pk])
    assert "afsluttet og kan ikke ændres" in response.content.decode()


@pytest.mark.parametrize("navn", HANDLINGER_PAA_AKTIVT + ["forloeb_resultat"])
def test_kladde_har_ingen_moede_opfoelgnings_eller_timeformular(client, sb, navn):
    kladde = ForloebFactory(team=sb.teams.get(), sagsbehandler=sb)
    assert reverse(f"forloeb:{navn}", args=[kladde.pk]) not in _side(client, kladde)
    response = client.get(reverse(f"forloeb:{navn}", args=[kladde.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("forloeb:forloeb_detalje", args=[kladde.pk])
    assert "kladde, der endnu ikke er bevilget" in response.content.decode()


def test_aktivt_forloeb_har_ingen_annullering_eller_resultat(client, sb):
    forloeb = aktivt_forloeb(team=sb.teams.get(), sagsbehandler=sb)
    for navn in ["forloeb_annuller", "forloeb_resultat", "forloeb_fuldfoer_afslutning"]:
        response = client.get(reverse(f"forloeb:{navn}", args=[forloeb.pk]))
        assert response.status_code == 302, navn
    for navn in HANDLINGER_PAA_AKTIVT:
        assert client.get(reverse(f"forloeb:{navn}", args=[forloeb.pk])).status_code == 200


def test_advarsler_og_kladder_paa_arbejdslisten_siger_borgerens_navn(client, sb):
    forloeb = aktivt_forloeb(
        team=sb.teams.get(), sagsbehandler=sb, start=timezone.localdate() - dt.timedelta(weeks=3)
    )
    kladde = ForloebFactory(team=sb.teams.get(), sagsbehandler=sb)
    nu = timezone.now()
    Advarsel.objects.create(
        regel="FORMAAL_MANGLER",
        forloeb=forloeb,
        ansvarlig=sb,
        siden=timezone.localdate(),
        foerst_set=nu,
        sidst_set=nu,
    )
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert forloeb.borger.navn in html
    assert kladde.borger.navn in html
    assert f"Forløb {forloeb.pk}<" not in html and f"Forløb {kladde.pk}<" not in html
    assert f"(forløb {forloeb.pk})" in html

    side = client.get(reverse("compliance:forloeb", args=[forloeb.pk])).content.decode()
    assert forloeb.borger.navn in side


def _aaben(forloeb, kode, dage_siden, ansvarlig):
    nu = timezone.now()
    return Advarsel.objects.create(
        regel=kode,
        forloeb=forloeb,
        ansvarlig=ansvarlig,
        siden=timezone.localdate() - dt.timedelta(days=dage_siden),
        foerst_set=nu,
        sidst_set=nu,
    )


def test_arbejdslisten_grupperer_advarsler_pr_forloeb_med_alder_og_sortering(
    client, sb, django_assert_max_num_queries
):
    from tests.factories import BorgerFactory

    team = sb.teams.get()
    boerge = aktivt_forloeb(
        team=team, sagsbehandler=sb, borger=BorgerFactory(organisation=sb.organisation, navn="Ø")
    )
    anna = aktivt_forloeb(
        team=team, sagsbehandler=sb, borger=BorgerFactory(organisation=sb.organisation, navn="A")
    )
    _aaben(boerge, "FORMAAL_MANGLER", 40, sb)
    _aaben(anna, "OPGAVER_MANGLER", 3, sb)
    _aaben(anna, "AFTALE_MANGLER", 5, sb)
    url = reverse("forloeb:arbejdsliste")
    with CaptureQueriesContext(connection) as foer:
        response = client.get(url)
    antal_queries = len(foer)
    grupper = response.context["grupper"]
    assert [g["forloeb"].pk for g in grupper] == [boerge.pk, anna.pk]  # oldest first
    assert [r["alder"] for r in grupper[0]["rows"]] == [40]
    html = response.content.decode()
    assert "Ret det her" in html and ">40<" in html

    navne = client.get(url, {"advarsler": "borger"}).context["grupper"]
    assert [g["navn"] for g in navne] == ["A", "Ø"]
    flest = client.get(url, {"advarsler": "antal"}).context["grupper"]
    assert [g["forloeb"].pk for g in flest] == [anna.pk, boerge.pk]

    for _ in range(3):
        _aaben(aktivt_forloeb(team=team, sagsbehandler=sb), "FORMAAL_MANGLER", 1, sb)
    with django_assert_max_num_queries(antal_queries):
        client.get(url)


def test_mentor_faar_ingen_statusrapportformular_paa_en_kladde(client):
    from tests.factories import mentor_with_login

    kladde = ForloebFactory()
    mentor = mentor_with_login(kladde.team)
    services.tildel_mentor(user=kladde.sagsbehandler, forloeb=kladde, mentor=mentor)
    client.force_login(mentor.bruger)
    html = client.get(reverse("forloeb:mentor_forloeb", args=[kladde.pk])).content.decode()
    assert reverse("forloeb:mentor_statusrapport", args=[kladde.pk]) not in html
    assert "når forløbet er bevilget" in html
