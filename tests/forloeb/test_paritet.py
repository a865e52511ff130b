"""Where a domain question is answered both in SQL (the scan, the dashboard) and in Python
or the ORM (screens, services), both answers are asked on the same data and must agree.

- active on a date: Forloeb.objects.aktive_paa vs forloeb.sql.AKTIVE
- granted hours: forloeb.timer vs forloeb.sql.SEGMENTER (per week and per interval)
- a mentor's load: Mentor.objects.med_belastning vs forloeb.sql.BELASTNING
- who registers which days: tidsregistrering.dele vs tidsregistrering.sql.DELE
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.selectors import timer_pr_uge
from forloeb import sql as forloeb_sql
from forloeb.models import (
    Afslutning,
    Bevilling,
    Forloeb,
    Mentor,
    Mentortilknytning,
    Status,
    Timeaendring,
)
from forloeb.timer import dagtimer, timesegmenter, ugens_timer
from tests.factories import ForloebFactory, MentorFactory
from tidsregistrering import dele
from tidsregistrering import sql as tid_sql

pytestmark = pytest.mark.django_db

D0 = dt.date(2026, 12, 28)  # Monday of ISO week 53 of 2026


def _t():
    return forloeb_sql.tabeller()


def _periode(forloeb, start, slut, timer="2", aendringer=()):
    b = Bevilling.objects.create(
        forloeb=forloeb,
        start=start,
        slut=slut,
        timer_pr_uge=Decimal(timer),
        kvalifikationer="Erfaren.",
        besluttet=start,
        besluttet_af=forloeb.sagsbehandler,
    )
    for fra, t in aendringer:
        Timeaendring.objects.create(
            bevilling=b,
            gaelder_fra=fra,
            timer_pr_uge=Decimal(t),
            begrundelse="Behov.",
            besluttet_af=forloeb.sagsbehandler,
        )
    return b


def _forloeb(status=Status.AKTIV, **kwargs):
    f = ForloebFactory(**kwargs)
    Forloeb.objects.filter(pk=f.pk).update(status=status)
    f.refresh_from_db()
    return f


# --- active on a date ---------------------------------------------------------------------


def _aktive_sql(dato) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {forloeb_sql.AKTIVE.format(**_t())} SELECT id FROM aktive",  # noqa: S608
            {"today": dato},
        )
        return {r[0] for r in cursor.fetchall()}


def test_aktiv_paa_en_dato_er_det_samme_svar_i_orm_og_sql():
    kladde = _forloeb(Status.KLADDE)
    _periode(kladde, D0, D0 + dt.timedelta(days=60))
    fremtidig = _forloeb()
    _periode(fremtidig, D0 + dt.timedelta(days=10), D0 + dt.timedelta(days=90))
    loebende = _forloeb()
    _periode(loebende, D0 - dt.timedelta(days=30), D0 + dt.timedelta(days=60))
    overskredet = _forloeb()
    _periode(overskredet, D0 - dt.timedelta(days=100), D0 - dt.timedelta(days=5))
    afsluttet = _forloeb(Status.AFSLUTTET)
    _periode(afsluttet, D0 - dt.timedelta(days=60), D0 + dt.timedelta(days=60))
    Afslutning.objects.create(
        forloeb=afsluttet,
        dato=D0 + dt.timedelta(days=3),
        aarsag="job",
        borger_vurdering=4,
        mentor_vurdering=4,
        afsluttet_af=afsluttet.sagsbehandler,
    )
    for dage in (-40, -1, 0, 2, 3, 4, 10, 11, 95):
        dato = D0 + dt.timedelta(days=dage)
        orm = set(Forloeb.objects.aktive_paa(dato).values_list("pk", flat=True))
        assert orm == _aktive_sql(dato), dato
    # The end date itself: no longer active.
    assert afsluttet.pk in _aktive_sql(D0 + dt.timedelta(days=2))
    assert afsluttet.pk not in _aktive_sql(D0 + dt.timedelta(days=3))


# --- granted hours ------------------------------------------------------------------------


def _sql_dagtimer(forloeb, fra, til) -> Decimal:
    sql = (
        f"WITH {forloeb_sql.SEGMENTER.format(hvor='WHERE b.forloeb_id = %(id)s', **_t())} "
        f"SELECT COALESCE(sum({forloeb_sql.dagtimer('%(fra)s::date', '%(til)s::date')}), 0) "
        "FROM segmenter s WHERE s.fra <= %(til)s::date AND s.til >= %(fra)s::date"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"id": forloeb.pk, "fra": fra, "til": til})
        return Decimal(cursor.fetchone()[0])


DAGE = st.integers(min_value=0, max_value=120)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    perioder=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=90),  # length
            st.integers(min_value=0, max_value=10),  # gap before
            st.sampled_from(["1", "2", "2.5", "0.5", "37"]),
            st.lists(st.tuples(DAGE, st.sampled_from(["1", "3", "4.25"])), max_size=2),
        ),
        min_size=1,
        max_size=3,
    ),
    interval=st.tuples(DAGE, st.integers(min_value=0, max_value=40)),
)
def test_bevilgede_timer_er_de_samme_i_python_og_sql(perioder, interval):
    forloeb = _forloeb()
    try:
        start = D0
        for laengde, gab, timer, aendringer in perioder:
            start += dt.timedelta(days=gab)
            slut = start + dt.timedelta(days=laengde - 1)
            datoer = {}
            for offset, t in aendringer:
                if offset < laengde:
                    datoer[start + dt.timedelta(days=offset)] = t
            _periode(forloeb, start, slut, timer, sorted(datoer.items()))
            start = slut + dt.timedelta(days=1)
        segmenter = timesegmenter(
            Bevilling.objects.filter(forloeb=forloeb).prefetch_related("timeaendringer")
        )
        fra = D0 + dt.timedelta(days=interval[0])
        til = fra + dt.timedelta(days=interval[1])
        assert dagtimer(segmenter, fra, til) == _sql_dagtimer(forloeb, fra, til)
        mandage = [D0 + dt.timedelta(weeks=i) for i in range(0, 30, 3)]
        sql_uger = {m: b for m, b, _l in timer_pr_uge([forloeb.pk], mandage)}
        for m in mandage:
            assert ugens_timer(segmenter, m).quantize(Decimal("0.01")) == sql_uger[m]
    finally:
        Forloeb.objects.filter(pk=forloeb.pk).delete()


def test_fornyelse_midt_i_ugen_taeller_ugen_en_gang():
    forloeb = _forloeb()
    _periode(forloeb, D0 - dt.timedelta(days=180), D0 + dt.timedelta(days=2), "2")
    _periode(forloeb, D0 + dt.timedelta(days=3), D0 + dt.timedelta(days=180), "2")
    segmenter = timesegmenter(Bevilling.objects.filter(forloeb=forloeb))
    assert ugens_timer(segmenter, D0) == Decimal(2)


def test_timeaendring_gaelder_fra_sin_egen_dag():
    forloeb = _forloeb()
    _periode(
        forloeb,
        D0 - dt.timedelta(days=30),
        D0 + dt.timedelta(days=60),
        "7",
        [(D0 + dt.timedelta(days=2), "14")],
    )
    segmenter = timesegmenter(Bevilling.objects.filter(forloeb=forloeb))
    # Monday, Tuesday at 1 h a day; Wednesday to Sunday at 2 h a day.
    assert ugens_timer(segmenter, D0) == Decimal(12)


# --- a mentor's load ----------------------------------------------------------------------


def test_mentorens_belastning_er_den_samme_i_orm_og_sql():
    mentor = MentorFactory()
    andre = MentorFactory(organisation=mentor.organisation)
    for status in (Status.KLADDE, Status.AKTIV, Status.AKTIV, Status.AFSLUTTET):
        f = _forloeb(status, organisation=mentor.organisation)
        Forloeb.objects.filter(pk=f.pk).update(mentor=mentor)
    f = _forloeb(Status.AKTIV)
    Forloeb.objects.filter(pk=f.pk).update(mentor=andre)
    orm = dict(Mentor.objects.med_belastning().values_list("pk", "belastning"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {forloeb_sql.BELASTNING.format(**_t())} "  # noqa: S608
            "SELECT mentor_id, antal FROM belastning"
        )
        sql = dict(cursor.fetchall())
    assert orm[mentor.pk] == sql[mentor.pk] == 3
    assert orm[andre.pk] == sql[andre.pk] == 1


# --- who registers which days -------------------------------------------------------------


def test_mentorernes_dele_af_ugerne_er_de_samme_i_python_og_sql():
    forloeb = _forloeb()
    a = MentorFactory(organisation=forloeb.organisation)
    b = MentorFactory(organisation=forloeb.organisation)
    start = D0 - dt.timedelta(days=40)
    _periode(forloeb, start, D0 - dt.timedelta(days=10))
    _periode(forloeb, D0 - dt.timedelta(days=3), D0 + dt.timedelta(days=20))
    Mentortilknytning.objects.create(
        forloeb=forloeb,
        mentor=a,
        fra=start,
        til=D0 + dt.timedelta(days=1),
        oprettet_af=forloeb.sagsbehandler,
    )
    Mentortilknytning.objects.create(
        forloeb=forloeb, mentor=b, fra=D0 + dt.timedelta(days=2), oprettet_af=forloeb.sagsbehandler
    )
    lukket = D0 + dt.timedelta(weeks=1)
    t = {**forloeb_sql.tabeller(), **tid_sql.tabeller()}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {forloeb_sql.AKTIVE.format(**t)}, {tid_sql.DELE.format(**t)} "  # noqa: S608
            "SELECT forloeb_id, mentor_id, mandag FROM dele WHERE forloeb_id = %(id)s",
            {"today": lukket + dt.timedelta(days=10), "lukket_uge": lukket, "id": forloeb.pk},
        )
        sql = {(m, mandag) for _f, m, mandag in cursor.fetchall()}
    perioder = list(forloeb.bevillinger.all())
    tilknytninger = list(forloeb.tilknytninger.all())
    python = set()
    mandag = start - dt.timedelta(days=start.isoweekday() - 1)
    while mandag <= lukket:
        for mentor_id in dele.dele(mandag=mandag, perioder=perioder, tilknytninger=tilknytninger):
            python.add((mentor_id, mandag))
        mandag += dt.timedelta(weeks=1)
    assert python == sql
    # The week of the change has a part for each mentor.
    assert {(a.pk, D0), (b.pk, D0)} <= sql
