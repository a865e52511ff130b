import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from forloeb import services
from forloeb.models import Status
from tests.factories import aktivt_forloeb

pytestmark = pytest.mark.django_db


def test_aktivt_forloeb_har_mentor_periode_og_aftale():
    forloeb = aktivt_forloeb()
    assert forloeb.status == Status.AKTIV
    bevilling = forloeb.bevillinger.get()
    assert bevilling.aftale.mentor_navn == forloeb.mentor.navn
    assert forloeb.history.count() >= 3


def test_anden_periode_uden_vurdering_afvises():
    forloeb = aktivt_forloeb(start=dt.date(2026, 1, 1))
    start = forloeb.bevillinger.get().slut + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.bevilg_periode(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            start=start,
            slut=start + dt.timedelta(days=30),
            timer_pr_uge=Decimal("2"),
            kvalifikationer="x",
        )
    assert "vurdering" in exc.value.message_dict


def test_afsluttet_forloeb_tager_ikke_imod_statusrapport_eller_vurdering():
    forloeb = aktivt_forloeb(start=dt.date.today() - dt.timedelta(weeks=8))
    mentor_user = forloeb.mentor.bruger
    punkt = services.opret_arbejdspunkt(user=mentor_user, forloeb=forloeb, titel="Møde til tiden")
    services.afslut_forloeb(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        dato=dt.date.today(),
        aarsag="maal_naaet",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    forloeb.refresh_from_db()
    with pytest.raises(ValidationError):
        services.skriv_statusrapport(user=mentor_user, forloeb=forloeb, tekst="Efter afslutning")
    with pytest.raises(ValidationError):
        services.vurder_progression(
            user=mentor_user, arbejdspunkt=punkt, vurderet_af="mentor", score=3
        )


def test_absurd_dato_i_bevilling_afvises_med_feltfejl_ikke_overflow():
    forloeb = aktivt_forloeb(start=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.bevilg_periode(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            start=dt.date(9999, 12, 1),
            slut=dt.date(9999, 12, 31),
            timer_pr_uge=Decimal("2"),
            kvalifikationer="x",
            vurdering="y",
        )
    assert set(exc.value.message_dict) == {"start", "slut"}
