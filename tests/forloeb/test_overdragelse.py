"""Hand-over when people leave: caseworker to caseworker, mentor to mentor, deactivation."""

import datetime as dt
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.models import Advarsel
from compliance.services import scan
from drift.models import Mail
from forloeb import services
from forloeb.models import Mentoraftale
from organisation.models import ApiToken, Rolle
from organisation.services import deaktiver_bruger, opret_api_token
from tests.factories import TeamFactory, aktivt_forloeb, mentor_with_login, user_with_role

pytestmark = pytest.mark.django_db
KBH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def klokken():
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, 0, tzinfo=KBH), tick=False):
        yield


@pytest.fixture
def team():
    return TeamFactory()


def _forloeb(team, sb, **kwargs):
    return aktivt_forloeb(team=team, sagsbehandler=sb, **kwargs)


def test_teamlederen_overdrager_alle_aabne_forloeb_og_advarslerne_foelger_med(team):
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    ny = user_with_role(Rolle.SAGSBEHANDLER, team=team, email="ny@kommune.invalid")
    a, b = _forloeb(team, gammel), _forloeb(team, gammel)
    scan()
    assert Advarsel.objects.aabne().filter(ansvarlig=gammel).exists()

    assert {f.pk for f in services.sagsbehandlerens_forloeb(user=leder, fra=gammel)} == {
        a.pk,
        b.pk,
    }
    flyttet = services.overdrag_forloeb(
        user=leder, fra=gammel, til=ny, begrundelse="Gammel er stoppet."
    )
    assert {f.pk for f in flyttet} == {a.pk, b.pk}
    a.refresh_from_db()
    assert a.sagsbehandler == ny
    assert "Overdraget fra" in a.history.first().history_change_reason
    scan(forloeb_ids=[a.pk, b.pk])
    assert not Advarsel.objects.aabne().filter(ansvarlig=gammel).exists()
    assert Advarsel.objects.aabne().filter(ansvarlig=ny).exists()
    besked = Mail.objects.get(recipient=ny)
    assert "2 forløb" in besked.subject and "Gammel er stoppet." in besked.body


def test_kun_de_valgte_forloeb_overdrages(team):
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    ny = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    a, b = _forloeb(team, gammel), _forloeb(team, gammel)
    services.overdrag_forloeb(
        user=leder, fra=gammel, til=ny, begrundelse="Ferie.", forloeb_ids=[a.pk]
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.sagsbehandler, b.sagsbehandler) == (ny, gammel)


def test_overdragelse_kraever_begrundelse_og_en_sagsbehandler_i_teamet(team):
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    udenfor = user_with_role(Rolle.SAGSBEHANDLER, team=TeamFactory(organisation=team.organisation))
    _forloeb(team, gammel)
    with pytest.raises(ValidationError) as exc:
        services.overdrag_forloeb(user=leder, fra=gammel, til=udenfor, begrundelse="")
    assert exc.value.message_dict["begrundelse"] == ["Angiv hvorfor forløbene overdrages."]
    with pytest.raises(ValidationError) as exc:
        services.overdrag_forloeb(user=leder, fra=gammel, til=udenfor, begrundelse="Stoppet.")
    assert "er ikke aktiv sagsbehandler i teamet" in exc.value.message_dict["til"][0]
    with pytest.raises(PermissionDenied):
        services.overdrag_forloeb(user=gammel, fra=gammel, til=udenfor, begrundelse="Stoppet.")


def test_koordinatoren_flytter_en_mentors_forloeb_med_nye_aftaleversioner(team):
    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=team)
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    gaar = mentor_with_login(team)
    b, c = mentor_with_login(team), mentor_with_login(team)
    f1 = _forloeb(team, sb, mentor=gaar)
    f2 = _forloeb(team, sb, mentor=gaar)
    assert {f.pk for f in services.mentorens_forloeb(user=koordinator, mentor=gaar)} == {
        f1.pk,
        f2.pk,
    }
    services.overdrag_mentorforloeb(
        user=koordinator,
        mentor=gaar,
        fordeling={f1.pk: b, f2.pk: c},
        begrundelse="Mentoren er stoppet.",
        kvalifikationer="Erfaren mentor.",
    )
    f1.refresh_from_db()
    f2.refresh_from_db()
    assert (f1.mentor, f2.mentor) == (b, c)
    assert Mentoraftale.objects.filter(
        bevilling__forloeb=f1, aarsag=Mentoraftale.Aarsag.MENTORSKIFTE
    ).exists()


def test_en_afvist_mentorflytning_flytter_intet_og_navngiver_forloebet(team):
    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=team)
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    gaar = mentor_with_login(team)
    ledig = mentor_with_login(team)
    fuld = mentor_with_login(team, kapacitet=1)
    _forloeb(team, sb, mentor=fuld)
    f1 = _forloeb(team, sb, mentor=gaar)
    f2 = _forloeb(team, sb, mentor=gaar)
    (flytning,) = services.forhaandsvis_mentorflytning(
        user=koordinator, mentor=gaar, fordeling={f2.pk: fuld}
    )
    assert flytning.over_kapacitet
    with pytest.raises(ValidationError) as exc:
        services.overdrag_mentorforloeb(
            user=koordinator,
            mentor=gaar,
            fordeling={f1.pk: ledig, f2.pk: fuld},
            begrundelse="Mentoren er stoppet.",
            kvalifikationer="Erfaren mentor.",
        )
    (besked,) = exc.value.message_dict[f"forloeb_{f2.pk}"]
    assert besked.startswith(f"Forløb {f2.pk}: ") and "ingen ledig kapacitet" in besked
    f1.refresh_from_db()
    assert f1.mentor == gaar


def test_en_deaktiveret_bruger_mister_sessioner_og_api_noegler_straks(client, team):
    bruger = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    admin = user_with_role(Rolle.ADMINISTRATOR, team=team)
    client.force_login(bruger)
    opret_api_token(bruger=bruger, navn="script", levetid=timedelta(days=30))
    assert Session.objects.count() == 1 and ApiToken.objects.filter(user=bruger).exists()
    deaktiver_bruger(bruger=bruger, aendret_af=admin, begrundelse="Stoppet.")
    bruger.refresh_from_db()
    assert not bruger.is_active
    assert Session.objects.count() == 0
    assert not ApiToken.objects.filter(user=bruger).exists()


def test_teamlederens_skaerm_viser_forhaandsvisning_og_overdrager_ved_bekraeftelse(client, team):
    from django.urls import reverse

    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    ny = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    a, b = _forloeb(team, gammel), _forloeb(team, gammel)
    client.force_login(leder)
    url = reverse("forloeb:overdragelse")
    side = client.get(url, {"fra": gammel.pk})
    assert side.status_code == 200 and a.borger.navn in side.content.decode()
    valg = {"fra": gammel.pk, "til": ny.pk, "forloeb": [a.pk], "begrundelse": "Stoppet."}
    uden_grund = client.post(url, {**valg, "begrundelse": "", "handling": "forhaandsvis"})
    assert "Angiv hvorfor forløbene overdrages." in uden_grund.content.decode()
    preview = client.post(url, {**valg, "handling": "forhaandsvis"})
    assert "Bekræft overdragelsen" in preview.content.decode()
    a.refresh_from_db()
    assert a.sagsbehandler == gammel
    svar = client.post(url, {**valg, "handling": "bekraeft"})
    assert svar.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.sagsbehandler, b.sagsbehandler) == (ny, gammel)


def test_koordinatorens_skaerm_flytter_mentorens_forloeb_efter_een_bekraeftelse(client, team):
    from django.urls import reverse

    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=team)
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    gaar, ny = mentor_with_login(team), mentor_with_login(team)
    f1 = _forloeb(team, sb, mentor=gaar)
    client.force_login(koordinator)
    url = reverse("forloeb:mentor_overdrag", args=[gaar.pk])
    assert client.get(url).status_code == 200
    valg = {
        f"mentor_{f1.pk}": ny.pk,
        "begrundelse": "Mentoren er stoppet.",
        "kvalifikationer": "Erfaren mentor.",
    }
    preview = client.post(url, {**valg, "handling": "forhaandsvis"})
    assert "Bekræft mentorskiftet" in preview.content.decode()
    svar = client.post(url, {**valg, "kvalifikationer": "", "handling": "bekraeft"})
    assert "er kvalificeret til opgaven" in svar.content.decode()
    svar = client.post(url, {**valg, "handling": "bekraeft"})
    assert svar.status_code == 302
    f1.refresh_from_db()
    assert f1.mentor == ny
