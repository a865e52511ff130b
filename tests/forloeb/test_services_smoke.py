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
