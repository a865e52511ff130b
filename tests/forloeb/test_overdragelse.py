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
from tests.factories import (
    TeamFactory,
    UserFactory,
    aktivt_forloeb,
    mentor_with_login,
    user_with_role,
)

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


def test_een_bekraeftelse_fordeler_forloeb_paa_flere_modtagere_med_een_mail_hver(team):
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    anna = user_with_role(Rolle.SAGSBEHANDLER, team=team, email="anna@kommune.invalid")
    bo = user_with_role(Rolle.SAGSBEHANDLER, team=team, email="bo@kommune.invalid")
    a, b, c = _forloeb(team, gammel), _forloeb(team, gammel), _forloeb(team, gammel)
    services.overdrag_forloeb(
        user=leder,
        fra=gammel,
        fordeling={a.pk: anna, b.pk: bo, c.pk: anna},
        begrundelse="Gammel er stoppet.",
    )
    for f in (a, b, c):
        f.refresh_from_db()
    assert (a.sagsbehandler, b.sagsbehandler, c.sagsbehandler) == (anna, bo, anna)
    assert f"til {bo.username}" in b.history.first().history_change_reason
    til_anna = Mail.objects.get(recipient=anna)
    assert "2 forløb" in til_anna.subject
    assert f"Forløb {a.pk} " in til_anna.body and f"Forløb {c.pk} " in til_anna.body
    assert f"Forløb {b.pk} " not in til_anna.body
    assert a.borger.navn not in til_anna.body and a.borger.cpr_fuldt() not in til_anna.body
    assert "1 forløb" in Mail.objects.get(recipient=bo).subject


def test_en_modtager_uden_for_teamet_afvises_ved_navn_og_intet_flyttes(team):
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    ny = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    udenfor = user_with_role(Rolle.SAGSBEHANDLER, team=TeamFactory(organisation=team.organisation))
    a, b = _forloeb(team, gammel), _forloeb(team, gammel)
    with pytest.raises(ValidationError) as exc:
        services.overdrag_forloeb(
            user=leder, fra=gammel, fordeling={a.pk: ny, b.pk: udenfor}, begrundelse="Stoppet."
        )
    (besked,) = exc.value.message_dict["til"]
    assert besked == (f"Forløb {b.pk}: {udenfor} er ikke aktiv sagsbehandler i teamet {team}.")
    a.refresh_from_db()
    assert a.sagsbehandler == gammel and not Mail.objects.exists()


def test_fordel_ligeligt_giver_den_med_faerrest_aktive_forloeb_foerst(team):
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    travl = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    ledig = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    _forloeb(team, travl), _forloeb(team, travl)
    egne = [_forloeb(team, gammel) for _ in range(4)]
    fordeling = services.fordel_ligeligt(egne, [travl, ledig])
    antal = [list(fordeling.values()).count(u) for u in (travl, ledig)]
    # 2 + 1 and 0 + 3: the receivers end as even as the courses allow.
    assert antal == [1, 3]
    assert fordeling[egne[0].pk] == ledig


def test_skaermen_fordeler_pr_forloeb_og_ligeligt_uden_javascript(client, team):
    from django.urls import reverse

    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    anna = user_with_role(Rolle.SAGSBEHANDLER, team=team, first_name="Anna")
    bo = user_with_role(Rolle.SAGSBEHANDLER, team=team, first_name="Bo")
    cille = user_with_role(Rolle.SAGSBEHANDLER, team=team, first_name="Cille")
    a, b, c = _forloeb(team, gammel), _forloeb(team, gammel), _forloeb(team, gammel)
    client.force_login(leder)
    url = reverse("forloeb:overdragelse")
    side = client.get(url, {"fra": gammel.pk}).content.decode()
    assert f'name="til_{a.pk}"' in side and 'value="ligeligt"' in side
    valg = {
        "fra": gammel.pk,
        "forloeb": [a.pk, b.pk, c.pk],
        f"til_{a.pk}": cille.pk,
        "fordel": "ligeligt",
        "modtagere": [anna.pk, bo.pk],
        "begrundelse": "Gammel er stoppet.",
    }
    uden_modtagere = client.post(url, {**valg, "modtagere": [], "handling": "forhaandsvis"})
    assert uden_modtagere.status_code == 400
    assert "fordeles ligeligt mellem" in uden_modtagere.content.decode()
    preview = client.post(url, {**valg, "handling": "forhaandsvis"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "Bekræft overdragelsen" in html
    for u in (anna, bo, cille):
        assert f"{u} får 1 forløb" in html
    a.refresh_from_db()
    assert a.sagsbehandler == gammel
    # The confirmation sends what the preview showed: one receiver per course.
    bekraeft = {"fra": gammel.pk, "begrundelse": "Gammel er stoppet.", "handling": "bekraeft"}
    fordelt = {f"til_{f.pk}": preview.context["forloeb"][i].ny.pk for i, f in enumerate((a, b, c))}
    svar = client.post(url, {**bekraeft, **fordelt, "forloeb": [a.pk, b.pk, c.pk]})
    assert svar.status_code == 302
    for f in (a, b, c):
        f.refresh_from_db()
    assert a.sagsbehandler == cille
    assert {b.sagsbehandler, c.sagsbehandler} == {anna, bo}
    assert Mail.objects.filter(recipient__in=[anna, bo, cille]).count() == 3


def test_skaermen_afviser_en_modtager_uden_for_forloebets_team_paa_dansk(client, team):
    from django.urls import reverse

    andet = TeamFactory(organisation=team.organisation)
    leder = UserFactory(
        roller=[Rolle.TEAMLEDER], organisation=team.organisation, teams=[team, andet]
    )
    gammel = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    udenfor = user_with_role(Rolle.SAGSBEHANDLER, team=andet)
    a = _forloeb(team, gammel)
    client.force_login(leder)
    url = reverse("forloeb:overdragelse")
    valg = {"fra": gammel.pk, "forloeb": [a.pk], "til": udenfor.pk, "begrundelse": "Stoppet."}
    for handling in ("forhaandsvis", "bekraeft"):
        svar = client.post(url, {**valg, "handling": handling})
        assert svar.status_code == 400
        assert f"Forløb {a.pk}: {udenfor} er ikke aktiv sagsbehandler i teamet" in (
            svar.content.decode()
        )
    a.refresh_from_db()
    assert a.sagsbehandler == gammel
