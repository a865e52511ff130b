"""Providers and prices: a price change is a new period, periods never overlap, history
is kept; mentors point at their provider."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from forloeb import services as forloeb_services
from forloeb.models import MentorType
from oekonomi import services
from oekonomi.models import InternTimesats, Kontrakt
from oekonomi.priser import Prisbog
from organisation.models import Rolle
from tests.factories import TeamFactory, user_with_role

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def oekonom():
    return user_with_role(Rolle.OEKONOMI)


@pytest.fixture
def lev(oekonom):
    return services.opret_leverandoer(user=oekonom, navn="Mentorhuset ApS", cvr="1234 5678")


def test_cvr_renses_og_valideres(oekonom, lev):
    assert lev.cvr == "12345678"
    with pytest.raises(ValidationError) as fejl:
        services.opret_leverandoer(user=oekonom, navn="Dublet", cvr="12345678")
    assert "allerede" in fejl.value.message_dict["cvr"][0]
    for forkert in ("1234567", "01234567", "abcdefgh", ""):
        with pytest.raises(ValidationError) as fejl:
            services.opret_leverandoer(user=oekonom, navn="X", cvr=forkert)
        assert fejl.value.message_dict["cvr"] == ["Et CVR-nummer er 8 cifre."]


def test_ny_pris_afslutter_den_gaeldende_periode(oekonom, lev):
    foerste = services.ny_kontraktperiode(
        user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris="500"
    )
    services.ny_kontraktperiode(
        user=oekonom, leverandoer=lev, start=D(2026, 3, 11), timepris="550.50"
    )
    foerste.refresh_from_db()
    assert foerste.slut == D(2026, 3, 10)
    assert foerste.history.first().history_change_reason == "Ny pris fra 11.03.2026"
    bog = Prisbog(lev.organisation_id)
    assert bog.leverandoer_pris(lev.pk, D(2026, 3, 10)).timepris == Decimal("500.00")
    assert bog.leverandoer_pris(lev.pk, D(2026, 3, 11)).timepris == Decimal("550.50")
    assert bog.leverandoer_pris(lev.pk, D(2025, 12, 31)).timepris is None


def test_ny_pris_skal_starte_efter_den_gaeldende(oekonom, lev):
    services.ny_kontraktperiode(user=oekonom, leverandoer=lev, start=D(2026, 3, 1), timepris="500")
    with pytest.raises(ValidationError) as fejl:
        services.ny_kontraktperiode(
            user=oekonom, leverandoer=lev, start=D(2026, 3, 1), timepris="600"
        )
    assert "01.03.2026" in fejl.value.message_dict["start"][0]
    with pytest.raises(ValidationError) as fejl:
        services.ny_kontraktperiode(
            user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris="600"
        )
    assert "01.03.2026" in fejl.value.message_dict["start"][0]
    services.ny_kontraktperiode(
        user=oekonom, leverandoer=lev, start=D(2026, 1, 1), slut=D(2026, 2, 28), timepris="450"
    )


@pytest.mark.parametrize("pris", ["0", "-1", "10000.01", "abc", "NaN", None])
def test_timeprisen_er_positiv_og_rimelig(oekonom, lev, pris):
    with pytest.raises(ValidationError) as fejl:
        services.ny_kontraktperiode(
            user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris=pris
        )
    assert fejl.value.message_dict["timepris"]


def test_perioder_overlapper_aldrig_i_databasen(oekonom, lev):
    services.ny_kontraktperiode(user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris="500")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Kontrakt.objects.create(
            leverandoer=lev, start=D(2027, 1, 1), timepris=1, oprettet_af=oekonom
        )


def test_kontrakten_ophoerer(oekonom, lev):
    services.ny_kontraktperiode(user=oekonom, leverandoer=lev, start=D(2026, 1, 1), timepris="500")
    periode = services.afslut_kontrakt(user=oekonom, leverandoer=lev, slut=D(2026, 12, 31))
    assert periode.slut == D(2026, 12, 31)
    with pytest.raises(ValidationError, match="Ingen kontraktperiode"):
        services.afslut_kontrakt(user=oekonom, leverandoer=lev, slut=D(2027, 2, 1))


def test_intern_sats_pr_mentortype(oekonom):
    services.ny_intern_timesats(
        user=oekonom, mentortype=MentorType.INTERN, start=D(2026, 1, 1), timepris="400"
    )
    services.ny_intern_timesats(
        user=oekonom, mentortype=MentorType.INTERN, start=D(2026, 7, 1), timepris="420"
    )
    services.ny_intern_timesats(
        user=oekonom, mentortype=MentorType.BOSTOETTE, start=D(2026, 1, 1), timepris="380"
    )
    assert InternTimesats.objects.get(start=D(2026, 1, 1), mentortype="intern").slut == D(
        2026, 6, 30
    )
    bog = Prisbog(oekonom.organisation_id)
    assert bog.pris(leverandoer_id=None, mentortype="intern", mandag=D(2026, 7, 6)).timepris == 420
    with pytest.raises(ValidationError):
        services.ny_intern_timesats(user=oekonom, mentortype="x", start=D(2026, 1, 1), timepris=1)


def test_kun_oekonomi_og_teamledere_retter_priser(lev):
    for rolle in (Rolle.SAGSBEHANDLER, Rolle.MENTORKOORDINATOR, Rolle.MENTOR, Rolle.ADMINISTRATOR):
        user = user_with_role(rolle)
        with pytest.raises(PermissionDenied):
            services.opret_leverandoer(user=user, navn="X", cvr="11111111")
    leder = user_with_role(Rolle.TEAMLEDER, team=TeamFactory(organisation=lev.organisation))
    services.ny_kontraktperiode(user=leder, leverandoer=lev, start=D(2026, 1, 1), timepris="500")
    fremmed = user_with_role(Rolle.OEKONOMI)
    with pytest.raises(PermissionDenied):
        services.ny_kontraktperiode(user=fremmed, leverandoer=lev, start=D(2027, 1, 1), timepris=1)


def test_mentor_knyttes_til_sin_leverandoer(lev):
    koordinator = user_with_role(
        Rolle.MENTORKOORDINATOR, team=TeamFactory(organisation=lev.organisation)
    )
    mentor = forloeb_services.opret_mentor(
        user=koordinator, navn="Eva", type=MentorType.EKSTERN, leverandoer=lev
    )
    assert mentor.leverandoer == lev
    with pytest.raises(ValidationError) as fejl:
        forloeb_services.opdater_mentor(
            user=koordinator, mentor=mentor, type=MentorType.INTERN, leverandoer=lev
        )
    assert "intern" in fejl.value.message_dict["leverandoer"][0]
    anden = services.opret_leverandoer(
        user=user_with_role(Rolle.OEKONOMI), navn="Andet sted", cvr="22222222"
    )
    with pytest.raises(ValidationError) as fejl:
        forloeb_services.opdater_mentor(user=koordinator, mentor=mentor, leverandoer=anden)
    assert fejl.value.message_dict["leverandoer"] == [
        "Leverandøren hører ikke til din organisation."
    ]
