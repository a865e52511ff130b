"""A row that breaks a database constraint is refused with a Danish sentence, in the admin
and wherever a model is validated — never "Begrænsning “…” er overtrådt"."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.models import Regelindstillinger
from organisation.models import Team
from tests.factories import TeamFactory, UserFactory

VORES_APPS = {
    "core",
    "organisation",
    "forloeb",
    "tidsregistrering",
    "compliance",
    "oekonomi",
    "privacy",
    "drift",
    "sso",
    "demo",
}


def test_hver_begraensning_har_en_dansk_fejlbesked():
    mangler = [
        f"{model.__name__}.{c.name}"
        for model in apps.get_models()
        if model._meta.app_label in VORES_APPS
        for c in model._meta.constraints
        if c.violation_error_message == c.default_violation_error_message
    ]
    assert mangler == []


@pytest.mark.django_db
def test_admin_viser_dansk_besked_ved_dubleret_teamnavn(client):
    team = TeamFactory(navn="Ungeteamet")
    client.force_login(UserFactory(is_staff=True, is_superuser=True, organisation=None))
    response = client.post(
        reverse("admin:organisation_team_add"),
        {"navn": "Ungeteamet", "organisation": team.organisation_id},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Organisationen har allerede et team med dette navn." in html
    assert "Begrænsning" not in html
    assert Team.objects.filter(navn="Ungeteamet").count() == 1


@pytest.mark.django_db
def test_regelbrud_i_indstillingerne_forklares_paa_dansk():
    indstillinger = Regelindstillinger.hent()
    indstillinger.levering_min_pct = Decimal(indstillinger.levering_max_pct)
    with pytest.raises(ValidationError) as fejl:
        indstillinger.validate_constraints()
    tekst = " ".join(fejl.value.messages)
    assert "Den nedre grænse for levering skal være lavere end den øvre." in tekst
    assert "Begrænsning" not in tekst
