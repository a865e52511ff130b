"""The LAB §31b/§31c rules at service level: each accepted at its boundary and refused one
step past it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forloeb import services
from forloeb.models import (
    Bevilling,
    Lovgrundlag,
    Mentortilknytning,
    MentorType,
    Status,
)
from tests.factories import ForloebFactory, MentorFactory, aktivt_forloeb, mentor_with_login

pytestmark = pytest.mark.django_db

START = dt.date(2026, 3, 1)


def kladde_med_mentor(**kwargs):
    """A draft course with purpose, goal, tasks and a mentor, but no period yet."""
    forloeb = ForloebFactory(**kwargs)
    mentor = mentor_with_login(forloeb.team)
    services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor, fra=START)
    forloeb.refresh_from_db()
    return forloeb


def bevilg(forloeb, **overrides):
    data = {
        "user": forloeb.sagsbehandler,
        "forloeb": forloeb,
        "start": START,
        "slut": START + dt.timedelta(days=90),
        "timer_pr_uge": Decimal("2"),
        "kvalifikationer": "Mentoruddannet, erfaring med unge.",
    }
    data.update(overrides)
    return services.bevilg_periode(**data)


def fejl(exc_info, field):
    return " ".join(exc_info.value.message_dict[field])


# --- 6-month periods ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, seneste",
    [
        (dt.date(2026, 3, 1), dt.date(2026, 8, 31)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 27)),
        (dt.date(2027, 7, 15), dt.date(2028, 1, 14)),
    ],
)
def test_periode_paa_praecis_seks_maaneder_godkendes(start, seneste):
    forloeb = kladde_med_mentor()
    bevilling = bevilg(forloeb, start=start, slut=seneste)
    assert bevilling.slut == seneste
    assert bevilling.aftale.slut == seneste
    forloeb.refresh_from_db()
    assert forloeb.status == Status.AKTIV


@pytest.mark.parametrize(
    "start, for_sent",
    [
        (dt.date(2026, 3, 1), dt.date(2026, 9, 1)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
    ],
)
def test_periode_en_dag_over_seks_maaneder_afvises(start, for_sent):
    forloeb = kladde_med_mentor()
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb, start=start, slut=for_sent)
    besked = fejl(exc, "slut")
    assert "højst vare 6 måneder" in besked
    assert f"{for_sent - dt.timedelta(days=1):%d.%m.%Y}" in besked
    assert not Bevilling.objects.filter(forloeb=forloeb).exists()


# --- Hours per week -----------------------------------------------------------------------


def test_37_timer_pr_uge_godkendes():
    forloeb = kladde_med_mentor()
    assert bevilg(forloeb, timer_pr_uge=Decimal("37")).timer_pr_uge == Decimal("37")


@pytest.mark.parametrize("timer", [Decimal("37.01"), Decimal("0"), Decimal("-1")])
def test_timer_over_37_eller_ikke_over_0_afvises(timer):
    forloeb = kladde_med_mentor()
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb, timer_pr_uge=timer)
    assert "over 0 og højst 37" in fejl(exc, "timer_pr_uge")


def test_timeaendring_til_37_01_afvises_og_37_godkendes():
    forloeb = aktivt_forloeb()
    bevilling = forloeb.bevillinger.get()
    data = {
        "user": forloeb.sagsbehandler,
        "bevilling": bevilling,
        "gaelder_fra": bevilling.start + dt.timedelta(days=7),
        "begrundelse": "Borgeren har brug for mere støtte.",
    }
    with pytest.raises(ValidationError) as exc:
        services.aendr_timer(timer_pr_uge=Decimal("37.01"), **data)
    assert "højst 37" in fejl(exc, "timer_pr_uge")
    aendring = services.aendr_timer(timer_pr_uge=Decimal("37"), **data)
    assert bevilling.timer_gaeldende(data["gaelder_fra"]) == Decimal("37")
    assert aendring.besluttet_af == forloeb.sagsbehandler


# --- No overlap ---------------------------------------------------------------------------


def test_overlappende_periode_afvises_af_servicen():
    forloeb = kladde_med_mentor()
    foerste = bevilg(forloeb, start=START, slut=dt.date(2026, 8, 31))
    with pytest.raises(ValidationError) as exc:
        bevilg(
            forloeb,
            start=foerste.slut,
            slut=foerste.slut + dt.timedelta(days=30),
            vurdering="Fortsat behov for støtte.",
        )
    assert "overlapper" in fejl(exc, "start")


def test_overlappende_periode_afvises_af_databasen_ved_direkte_indsaettelse():
    forloeb = aktivt_forloeb(start=START)
    eksisterende = forloeb.bevillinger.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Bevilling.objects.create(
            forloeb=forloeb,
            start=eksisterende.slut,
            slut=eksisterende.slut + dt.timedelta(days=10),
            timer_pr_uge=Decimal("2"),
            kvalifikationer="x",
            besluttet_af=forloeb.sagsbehandler,
        )
    assert forloeb.bevillinger.count() == 1


def test_periode_dagen_efter_forrige_godkendes_med_vurdering():
    forloeb = kladde_med_mentor()
    foerste = bevilg(forloeb, start=START, slut=dt.date(2026, 8, 31))
    anden = bevilg(
        forloeb,
        start=foerste.slut + dt.timedelta(days=1),
        slut=dt.date(2027, 2, 28),
        vurdering="Borgeren er tæt på at starte på uddannelse; fortsat støtte er nødvendig.",
    )
    assert anden.vurdering.startswith("Borgeren")


# --- A new period needs the written assessment -------------------------------------------


def test_ny_periode_uden_konkret_vurdering_afvises():
    forloeb = kladde_med_mentor()
    foerste = bevilg(forloeb, start=START, slut=dt.date(2026, 8, 31))
    with pytest.raises(ValidationError) as exc:
        bevilg(
            forloeb,
            start=foerste.slut + dt.timedelta(days=1),
            slut=foerste.slut + dt.timedelta(days=60),
            vurdering="   ",
        )
    assert "konkret vurdering" in fejl(exc, "vurdering")


def test_foerste_periode_kraever_ingen_vurdering():
    forloeb = kladde_med_mentor()
    assert bevilg(forloeb).vurdering == ""


# --- A grant needs purpose, goal, tasks, mentor and qualifications -----------------------


@pytest.mark.parametrize("felt", ["formaal", "maal", "opgaver"])
def test_bevilling_uden_formaal_maal_eller_opgaver_afvises(felt):
    forloeb = kladde_med_mentor(**{felt: ""})
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb)
    assert "LAB § 167" in fejl(exc, felt)
    assert not forloeb.bevillinger.exists()


def test_bevilling_uden_mentor_afvises():
    forloeb = ForloebFactory()
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb)
    assert "ingen mentor" in fejl(exc, "mentor")


def test_bevilling_uden_kvalifikationsvurdering_afvises():
    forloeb = kladde_med_mentor()
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb, kvalifikationer=" ")
    assert "kvalificeret" in fejl(exc, "kvalifikationer")


# --- Inactive or full mentor --------------------------------------------------------------


def test_inaktiv_mentor_afvises_uden_begrundelse_og_godkendes_med():
    forloeb = ForloebFactory()
    mentor = MentorFactory(organisation=forloeb.organisation, aktiv=False)
    with pytest.raises(ValidationError) as exc:
        services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor)
    assert "ikke aktiv" in fejl(exc, "mentor")
    assert forloeb.tilknytninger.count() == 0

    tilknytning = services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=mentor,
        tilsidesaet_begrundelse="Borgeren kender mentoren; mentoren vender tilbage i næste uge.",
    )
    assert tilknytning.tilsidesat_begrundelse.startswith("Borgeren kender")
    forloeb.refresh_from_db()
    assert forloeb.mentor == mentor


def test_mentor_uden_ledig_kapacitet_afvises_uden_begrundelse_og_godkendes_med():
    team_forloeb = aktivt_forloeb()
    mentor = team_forloeb.mentor
    mentor.kapacitet = 1
    mentor.save()
    forloeb = ForloebFactory(team=team_forloeb.team, sagsbehandler=team_forloeb.sagsbehandler)
    with pytest.raises(ValidationError) as exc:
        services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor)
    assert "ingen ledig kapacitet (1 af 1" in fejl(exc, "mentor")

    tilknytning = services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=mentor,
        tilsidesaet_begrundelse="Eneste mentor med tegnsprog.",
    )
    assert Mentortilknytning.objects.get(pk=tilknytning.pk).tilsidesat_begrundelse == (
        "Eneste mentor med tegnsprog."
    )


def test_mentor_med_en_ledig_plads_tilknyttes_uden_begrundelse():
    team_forloeb = aktivt_forloeb()
    mentor = team_forloeb.mentor
    mentor.kapacitet = 2
    mentor.save()
    forloeb = ForloebFactory(team=team_forloeb.team, sagsbehandler=team_forloeb.sagsbehandler)
    tilknytning = services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor)
    assert tilknytning.tilsidesat_begrundelse == ""


# --- Company mentor: beyond the ordinary --------------------------------------------------


@pytest.mark.parametrize("type", [MentorType.VIRKSOMHED, MentorType.UDDANNELSESINSTITUTION])
def test_virksomhedsmentor_kraever_vurdering_af_ud_over_det_saedvanlige(type):
    forloeb = ForloebFactory()
    mentor = MentorFactory(organisation=forloeb.organisation, type=type, arbejdsgiver="Firma A/S")
    services.tildel_mentor(user=forloeb.sagsbehandler, forloeb=forloeb, mentor=mentor)
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb)
    assert "ud over det sædvanlige" in fejl(exc, "ud_over_normalt")

    forloeb.refresh_from_db()
    services.opdater_forloeb(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        version=forloeb.version,
        ud_over_normalt="Virksomheden stiller en særlig mentor til rådighed 3 timer om ugen.",
    )
    assert bevilg(forloeb).pk


# --- Psychiatric discharge ---------------------------------------------------------------


def test_psykiatri_start_tre_maaneder_foer_udskrivning_godkendes_en_dag_foer_afvises():
    udskrivning = dt.date(2026, 6, 15)
    forloeb = kladde_med_mentor(lovgrundlag=Lovgrundlag.PSYKIATRI, udskrivningsdato=udskrivning)
    for_tidligt = dt.date(2026, 3, 14)
    with pytest.raises(ValidationError) as exc:
        bevilg(forloeb, start=for_tidligt, slut=for_tidligt + dt.timedelta(days=60))
    assert "tidligst starte 3 måneder før udskrivning (15.03.2026" in fejl(exc, "start")

    bevilling = bevilg(forloeb, start=dt.date(2026, 3, 15), slut=dt.date(2026, 9, 14))
    assert bevilling.start == dt.date(2026, 3, 15)


def test_psykiatri_kraever_udskrivningsdato():
    forloeb = ForloebFactory()
    with pytest.raises(ValidationError) as exc:
        services.opdater_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            version=forloeb.version,
            lovgrundlag=Lovgrundlag.PSYKIATRI,
        )
    assert "udskrivningsdatoen" in fejl(exc, "udskrivningsdato")


# --- Ending ------------------------------------------------------------------------------


AFSLUTNING = {"aarsag": "maal_naaet", "borger_vurdering": 4, "mentor_vurdering": 3}


@pytest.mark.parametrize(
    "mangler, felt",
    [
        ({"aarsag": ""}, "aarsag"),
        ({"borger_vurdering": None}, "borger_vurdering"),
        ({"mentor_vurdering": None}, "mentor_vurdering"),
        ({"mentor_vurdering": 6}, "mentor_vurdering"),
        ({"borger_vurdering": 0}, "borger_vurdering"),
    ],
)
def test_afslutning_kraever_aarsag_og_begge_vurderinger(mangler, felt):
    from django.utils import timezone

    forloeb = aktivt_forloeb()
    with pytest.raises(ValidationError) as exc:
        services.afslut_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            dato=timezone.localdate(),
            **{**AFSLUTNING, **mangler},
        )
    assert fejl(exc, felt)
    forloeb.refresh_from_db()
    assert forloeb.status == Status.AKTIV


def test_afsluttet_forloeb_kan_ikke_faa_ny_periode():
    from django.utils import timezone

    forloeb = aktivt_forloeb()
    afslutning = services.afslut_forloeb(
        user=forloeb.sagsbehandler, forloeb=forloeb, dato=timezone.localdate(), **AFSLUTNING
    )
    assert afslutning.borger_vurdering == 4 and afslutning.mentor_vurdering == 3
    forloeb.refresh_from_db()
    assert forloeb.status == Status.AFSLUTTET
    sidste = forloeb.bevillinger.get()
    with pytest.raises(ValidationError) as exc:
        bevilg(
            forloeb,
            start=sidste.slut + dt.timedelta(days=1),
            slut=sidste.slut + dt.timedelta(days=30),
            vurdering="Fortsat behov.",
        )
    assert "afsluttet" in " ".join(exc.value.messages)
    assert forloeb.bevillinger.count() == 1


# --- Optimistic locking ------------------------------------------------------------------


def test_samtidig_redigering_afvises_med_konflikt():
    forloeb = ForloebFactory()
    aabnet_version = forloeb.version
    services.opdater_forloeb(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        version=aabnet_version,
        maal="Kollegaens nye mål.",
    )
    with pytest.raises(ValidationError) as exc:
        services.opdater_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            version=aabnet_version,
            maal="Mit mål, som ville overskrive.",
        )
    assert "ændret af en anden" in " ".join(exc.value.messages)
    forloeb.refresh_from_db()
    assert forloeb.maal == "Kollegaens nye mål."
    assert forloeb.version == aabnet_version + 1
