"""Application logs never contain CPR numbers, citizens' names or note text."""

import pytest
from django.urls import reverse

from forloeb.models import Borger
from organisation.models import Rolle
from tests.factories import aktivt_forloeb, user_with_role

from .conftest import HEMMELIG_NOTE, HEMMELIG_STATUS

pytestmark = pytest.mark.django_db

CPR = "2403871234"
NAVN = "Logborger Hemmeligsen"
ADRESSE = "Skjultvej 7"


def test_applikationslog_indeholder_hverken_cpr_navn_eller_noter(scenarie, client, applog):
    sb = scenarie.sagsbehandler
    client.force_login(sb)
    opret = reverse("forloeb:borger_opret")
    data = {
        "cpr_nummer": "240387-1234",
        "navn": NAVN,
        "adresse": ADRESSE,
        "ydelsesgruppe": "kontanthjaelp",
        "visitation": "aktivitetsparat",
        "oensker_til_mentor": HEMMELIG_NOTE,
    }
    assert client.post(opret, data).status_code == 302
    borger = Borger.objects.get(navn=NAVN)
    # The same CPR again is refused on the form, and an invalid one too.
    assert client.post(opret, data).status_code == 400
    assert client.post(opret, {**data, "cpr_nummer": "320187-1234"}).status_code == 400

    soeg = reverse("forloeb:borger_soeg")
    assert client.post(soeg, {"cpr_nummer": CPR}).status_code in (200, 302)
    client.get(soeg, {"navn": "Hemmeligsen"})
    client.get(reverse("forloeb:borger_detalje", args=[borger.pk]))
    assert client.post(reverse("forloeb:borger_cpr", args=[borger.pk])).status_code == 200
    client.get(reverse("forloeb:forloeb_detalje", args=[scenarie.forloeb_b.pk]))
    client.get(reverse("privacy:historik", args=[scenarie.forloeb_b.pk]))
    client.get(reverse("privacy:indsigt", args=[scenarie.borger_b.pk]))

    # Refusals are logged by Django (404/403): still no personal data.
    client.force_login(scenarie.mentor_a)
    client.get(reverse("forloeb:borger_detalje", args=[borger.pk]))
    client.get(reverse("forloeb:forloeb_detalje", args=[scenarie.forloeb_b.pk]))
    client.get(reverse("forloeb:mentor_forloeb", args=[scenarie.forloeb_a.pk]))
    client.force_login(scenarie.teamleder)
    client.get(reverse("privacy:adgangslog", args=[scenarie.borger_b.pk]))

    output = applog.getvalue()
    assert output, "nothing was captured; the test would prove nothing"
    for secret in (
        CPR,
        "240387-1234",
        NAVN,
        "Hemmeligsen",
        ADRESSE,
        scenarie.borger_b.navn,
        scenarie.borger_b.cpr_fuldt(),
        scenarie.borger_b.cpr_fuldt().replace("-", ""),
        HEMMELIG_NOTE,
        HEMMELIG_STATUS,
        scenarie.forloeb_b.maal,
    ):
        assert secret not in output, secret


def test_celery_og_tjenester_logger_ikke_personoplysninger(db, applog):
    from privacy import opbevaring

    forloeb = aktivt_forloeb(borger__navn=NAVN)
    user_with_role(Rolle.SAGSBEHANDLER, team=forloeb.team)
    applog.seek(0)
    applog.truncate()  # factory_boy's own debug lines are test set-up, not the application
    opbevaring.pseudonymiser_gamle_forloeb()
    opbevaring.slet_gammel_adgangslog()
    output = applog.getvalue()
    assert "Pseudonymiserede 0 borgere" in output
    assert NAVN not in output
