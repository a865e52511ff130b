"""Telling people: Mine advarsler on the start page and the email digests."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory

from compliance import services
from compliance.models import Advarsel
from forloeb.models import Forloeb, Statusrapport
from organisation.models import Rolle
from tests.conftest import send_queued_mail
from tests.factories import user_with_role

from .conftest import kompliant_forloeb

pytestmark = pytest.mark.django_db


def _render(user, source="{% load compliance %}{% mine_advarsler %}"):
    request = RequestFactory().get("/")
    request.user = user
    return Template(source).render(Context({"user": user, "request": request}))


def _brud(today, now):
    """One course with a caseworker flag and a mentor flag."""
    forloeb = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    Statusrapport.objects.filter(forloeb=forloeb).delete()
    services.scan(now)
    forloeb.refresh_from_db()
    return forloeb


def test_mine_advarsler_viser_sagsbehandlerens_aabne_advarsler_med_rettelse(today, now):
    forloeb = _brud(today, now)
    html = _render(forloeb.sagsbehandler)
    assert "Mentorens opgaver er ikke beskrevet" in html
    assert "Beskriv, hvad mentoren skal gøre" in html
    assert f'data-forloeb="{forloeb.pk}"' in html
    assert "Ingen statusrapport" not in html  # that one is the mentor's


def test_mine_advarsler_viser_mentorens_egne_advarsler(today, now):
    forloeb = _brud(today, now)
    html = _render(forloeb.mentor.bruger)
    assert "Ingen statusrapport fra mentoren" in html
    assert "Mentorens opgaver er ikke beskrevet" not in html


def test_mine_advarsler_aeldste_foerst_og_uden_loeste(today, now):
    forloeb = _brud(today, now)
    older = kompliant_forloeb(today, team=forloeb.team)
    Forloeb.objects.filter(pk=older.pk).update(maal="", sagsbehandler=forloeb.sagsbehandler)
    services.scan(now - dt.timedelta(days=3))
    html = _render(forloeb.sagsbehandler)
    assert html.index("Formål og konkret mål mangler") < html.index("opgaver er ikke")
    Forloeb.objects.filter(pk=older.pk).update(maal="Et mål.")
    services.scan(now)
    assert "Formål og konkret mål mangler" not in _render(forloeb.sagsbehandler)


def test_forloeb_advarsler_viser_forloebets_aabne_advarsler(today, now):
    forloeb = _brud(today, now)
    html = Template("{% load compliance %}{% forloeb_advarsler forloeb %}").render(
        Context({"forloeb": forloeb})
    )
    assert "Mentorens opgaver er ikke beskrevet" in html
    assert "Ingen statusrapport fra mentoren" in html


def test_dagligt_overblik_gaar_til_den_ansvarlige_en_gang(today, now):
    forloeb = _brud(today, now)
    forloeb.sagsbehandler.email = "sb@kommune.invalid"
    forloeb.sagsbehandler.save()
    forloeb.mentor.bruger.email = "mentor@kommune.invalid"
    forloeb.mentor.bruger.save()
    assert services.send_dagligt_overblik(now) == 2
    assert mail.outbox == []  # stored first, sent by a task after commit
    assert send_queued_mail() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"sb@kommune.invalid", "mentor@kommune.invalid"}
    assert "Mentorens opgaver er ikke beskrevet" in by_recipient["sb@kommune.invalid"].body
    assert "Ingen statusrapport" in by_recipient["mentor@kommune.invalid"].body
    assert "Ingen statusrapport" not in by_recipient["sb@kommune.invalid"].body
    assert not Advarsel.objects.filter(varslet__isnull=True).exists()
    assert services.send_dagligt_overblik(now) == 0
    assert send_queued_mail() == 0
    assert len(mail.outbox) == 2


def test_mails_indeholder_ingen_cpr_eller_borgernavn(today, now):
    forloeb = _brud(today, now)
    forloeb.sagsbehandler.email = "sb@kommune.invalid"
    forloeb.sagsbehandler.save()
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team, email="leder@kommune.invalid")
    services.send_dagligt_overblik(now)
    services.send_ugentligt_overblik(now)
    send_queued_mail()
    assert {m.to[0] for m in mail.outbox} >= {"sb@kommune.invalid", leder.email}
    for message in mail.outbox:
        assert not re.search(r"\d{6}-?\d{4}", message.body)
        assert forloeb.borger.navn not in message.body


def test_ugentligt_overblik_til_teamlederen_med_teamets_tal(today, now):
    forloeb = _brud(today, now)
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team, email="leder@kommune.invalid")
    user_with_role(Rolle.TEAMLEDER, email="anden@kommune.invalid")  # leads another team
    services.send_ugentligt_overblik(now)
    send_queued_mail()
    mine = [m for m in mail.outbox if m.to == [leder.email]]
    assert len(mine) == 1
    assert forloeb.team.navn in mine[0].body
    assert "Mentorens opgaver er ikke beskrevet: 1" in mine[0].body


def test_sagsbehandler_kan_notere_accept_men_ikke_slette(client, today, now):
    forloeb = _brud(today, now)
    advarsel = Advarsel.objects.get(regel="OPGAVER_MANGLER")
    client.force_login(forloeb.sagsbehandler)
    response = client.post(f"/compliance/advarsler/{advarsel.pk}/accept/", {"note": ""})
    assert response.status_code == 400
    response = client.post(
        f"/compliance/advarsler/{advarsel.pk}/accept/", {"note": "Aftalt med borgeren."}
    )
    assert response.status_code == 302
    advarsel.refresh_from_db()
    assert advarsel.accept_begrundelse == "Aftalt med borgeren."
    assert advarsel.lukket is None
    assert advarsel.history.filter(accept_begrundelse="Aftalt med borgeren.").exists()


def test_mentor_kan_ikke_notere_accept(client, today, now):
    forloeb = _brud(today, now)
    advarsel = Advarsel.objects.get(regel="OPGAVER_MANGLER")
    client.force_login(forloeb.mentor.bruger)
    response = client.post(f"/compliance/advarsler/{advarsel.pk}/accept/", {"note": "Nej."})
    assert response.status_code == 403
    advarsel.refresh_from_db()
    assert advarsel.accept_begrundelse == ""


def test_fremmed_sagsbehandler_faar_404_paa_forloebets_advarsler(client, today, now):
    forloeb = _brud(today, now)
    client.force_login(user_with_role(Rolle.SAGSBEHANDLER))
    assert client.get(f"/compliance/forloeb/{forloeb.pk}/").status_code == 404


def test_mine_advarsler_antal_forespoergsler_vokser_ikke(today, now, django_assert_max_num_queries):
    forloeb = _brud(today, now)
    sb = forloeb.sagsbehandler
    # The flags, and the reader's teams once (to link each flag to the page that fixes it).
    with django_assert_max_num_queries(2) as one:
        _render(sb)
    for _ in range(3):
        f = kompliant_forloeb(today, team=forloeb.team)
        Forloeb.objects.filter(pk=f.pk).update(opgaver="", sagsbehandler=sb)
    services.scan(now)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = _render(sb)
    assert html.count('data-regel="OPGAVER_MANGLER"') == 4
