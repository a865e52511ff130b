"""Every flag's "Ret det her" opens for whoever reads it: for every rule of the catalogue and
every role that sees the flag, the link answers 200 — a caseworker or team leader is never
sent to the mentor's Min uge or Mine borgere."""

import datetime as dt

import pytest
from django.utils import timezone

from compliance.links import forloeb_url, ret_url
from compliance.models import Advarsel
from compliance.regler import REGLER
from forloeb import services as forloeb_services
from organisation.models import Rolle
from tests.factories import aktivt_forloeb, user_with_role

pytestmark = pytest.mark.django_db
MENTOR_SIDER = ("/tid/min-uge/", "/forloeb/mine-borgere/")


def _flag(forloeb, kode):
    nu = timezone.now()
    return Advarsel.objects.create(
        regel=kode,
        forloeb=forloeb,
        ansvarlig=forloeb.sagsbehandler,
        siden=timezone.localdate(),
        foerst_set=nu,
        sidst_set=nu,
    )


def _forloeb(afsluttet: bool):
    forloeb = aktivt_forloeb(start=timezone.localdate() - dt.timedelta(weeks=8))
    if afsluttet:
        forloeb_services.afslut_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            dato=timezone.localdate(),
            aarsag="maal_naaet",
            borger_vurdering=4,
            mentor_vurdering=4,
        )
        forloeb.refresh_from_db()
    return forloeb


def _laesere(forloeb):
    return {
        "sagsbehandler": forloeb.sagsbehandler,
        "kollega": user_with_role(Rolle.SAGSBEHANDLER, team=forloeb.team),
        "teamleder": user_with_role(Rolle.TEAMLEDER, team=forloeb.team),
        "koordinator": user_with_role(Rolle.MENTORKOORDINATOR, team=forloeb.team),
        "mentor": forloeb.mentor.bruger,
    }


@pytest.mark.parametrize("kode", sorted(REGLER))
def test_ret_det_her_aabner_for_hver_laeser(client, kode):
    forloeb = _forloeb(afsluttet=REGLER[kode].om_afsluttede)
    flag = _flag(forloeb, kode)
    for rolle, user in _laesere(forloeb).items():
        if rolle == "mentor" and forloeb.status == "afsluttet":
            continue  # a former mentor no longer reads the course's flags
        client.force_login(user)
        for url in (ret_url(flag, user), forloeb_url(forloeb, user)):
            if rolle != "mentor":
                assert not url.startswith(MENTOR_SIDER), (rolle, url)
            response = client.get(url, follow=True)
            assert response.status_code == 200, (rolle, url, response.status_code)
        client.logout()
