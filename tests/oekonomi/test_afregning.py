"""The monthly settlement: approved weeks only, at the price on the week's Monday, beside
the hours granted for the mentor's part of the week; locked once approved, corrected in
the next settlement. Figures are checked against plain SQL written from the rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from forloeb.models import Leverandoer
from oekonomi import services
from oekonomi.models import Afregning, Afregningslinje, Kontrakt, Korrektionsaarsag, Linjeart
from oekonomi.selectors.afregning import afregning
from organisation.models import Rolle
from tests.factories import user_with_role
from tidsregistrering import services as tid

from .conftest import D, godkend, klokken, registrer, uge

pytestmark = pytest.mark.django_db

MARTS, APRIL = D(2026, 3, 1), D(2026, 4, 1)


def _afregning(s, maaned):
    return afregning(
        organisation_id=s.team.organisation_id,
        leverandoer_id=s.leverandoer.pk,
        team_id=s.team.pk,
        maaned=maaned,
    )


# Plain SQL from the rules, sharing no code with the app: the approved week registrations
# of the provider's mentors whose Monday lies in the month; the contract period covering
# that Monday; amount = minutes × price / 60 rounded to øre; granted = 1/7 of the weekly
# hours for each day of the week in a period and in the mentor's assignment.
REN_SQL = """
SELECT u.forloeb_id, u.aar, u.uge, u.mentor_id, u.minutter_i_alt,
       k.timepris, round(u.minutter_i_alt * k.timepris / 60.0, 2) AS beloeb,
       round((SELECT count(*) * max(b.timer_pr_uge) / 7.0
              FROM generate_series(u.uge_start, u.uge_start + 6, interval '1 day') d
              JOIN forloeb_bevilling b ON b.forloeb_id = u.forloeb_id
                   AND d::date BETWEEN b.start AND b.slut
              JOIN forloeb_mentortilknytning t ON t.forloeb_id = u.forloeb_id
                   AND t.mentor_id = u.mentor_id
                   AND d::date >= t.fra AND (t.til IS NULL OR d::date <= t.til)), 2)
FROM tidsregistrering_ugeregistrering u
JOIN forloeb_mentor m ON m.id = u.mentor_id
JOIN forloeb_forloeb f ON f.id = u.forloeb_id
LEFT JOIN oekonomi_kontrakt k ON k.leverandoer_id = m.leverandoer_id
     AND u.uge_start >= k.start AND (k.slut IS NULL OR u.uge_start <= k.slut)
WHERE m.leverandoer_id = %(lev)s AND f.team_id = %(team)s AND u.godkendt IS NOT NULL
  AND date_trunc('month', u.uge_start) = %(maaned)s
"""

# What a week costs now (0 unless approved): what all settlements of it must add up to.
SKYLDIGT_SQL = """
SELECT u.forloeb_id, u.aar, u.uge, u.mentor_id,
       CASE WHEN u.godkendt IS NULL THEN 0
            ELSE round(u.minutter_i_alt * k.timepris / 60.0, 2) END
FROM tidsregistrering_ugeregistrering u
JOIN forloeb_mentor m ON m.id = u.mentor_id
LEFT JOIN oekonomi_kontrakt k ON k.leverandoer_id = m.leverandoer_id
     AND u.uge_start >= k.start AND (k.slut IS NULL OR u.uge_start <= k.slut)
WHERE m.leverandoer_id = %(lev)s AND u.uge_start < %(til)s
"""


def _sql(sql, **params):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def test_kladden_svarer_til_ren_sql(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 8)):
        u = _afregning(s, MARTS)
    forventet = {
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
        for r in _sql(REN_SQL, lev=s.leverandoer.pk, team=s.team.pk, maaned=MARTS)
    }
    fundet = {
        (k.forloeb_id, k.aar, k.uge, k.mentor_id, k.minutter, k.timepris, k.beloeb,
         k.bevilget_timer)
        for k in u.linjer
    }  # fmt: skip
    assert fundet == forventet
    assert len(fundet) == 7
    assert u.beloeb == sum(r[6] for r in forventet) == Decimal("7391.67")


def test_prisen_paa_ugens_mandag_gaelder_hele_ugen(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 8)):
        u = _afregning(s, MARTS)
    linjer = {(k.forloeb_id, k.uge): k for k in u.linjer}
    # Week 11 (Monday 9 March): the new price from Wednesday 11 March applies next week.
    assert linjer[(s.a.pk, 11)].timepris == Decimal("500.00")
    assert linjer[(s.a.pk, 11)].beloeb == Decimal("1666.67")  # 200 min × 500 / 60
    assert linjer[(s.b.pk, 12)].timepris == Decimal("550.00")
    # Week 14 (Monday 30 March, Sunday 5 April) belongs to March.
    assert linjer[(s.b.pk, 14)].uge_start == D(2026, 3, 30)


def test_mentorskifte_midt_i_ugen_deler_ugen_og_kun_den_eksterne_afregnes(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 8)):
        u = _afregning(s, MARTS)
    uge12 = [k for k in u.linjer if k.forloeb_id == s.a.pk and k.uge == 12]
    assert [(k.mentor_id, k.minutter) for k in uge12] == [(s.e.pk, 60)]
    # E's part is Monday to Wednesday: 3 of 7 days of 3 hours a week.
    assert uge12[0].bevilget_timer == Decimal("1.29")
    assert uge(s.a, D(2026, 3, 16), s.i).godkendt is not None  # approved, but internal
    assert not [k for k in u.linjer if k.mentor_id == s.i.pk]


def test_ikke_godkendte_uger_staar_for_sig(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 8)):
        u = _afregning(s, MARTS)
    assert [(a.forloeb_id, a.uge, a.minutter) for a in u.afventer] == [(s.b.pk, 13, 120)]
    assert (s.b.pk, 13) not in {(k.forloeb_id, k.uge) for k in u.linjer}


def test_godkendt_afregning_er_laast(marts):
    s = marts
    gemt = Afregning.objects.get()
    assert (gemt.maaned, gemt.beloeb, gemt.korrektioner) == (MARTS, Decimal("7391.67"), 0)
    foer = list(Afregningslinje.objects.order_by("pk").values())
    with klokken(D(2026, 4, 10)):
        tid.genaabn_uge(
            user=s.sagsbehandler,
            registrering=uge(s.a, D(2026, 3, 9), s.e),
            begrundelse="Mentoren har glemt en samtale.",
        )
        u = _afregning(s, MARTS)
    assert list(Afregningslinje.objects.order_by("pk").values()) == foer
    assert u.godkendt and u.beloeb == Decimal("7391.67")
    assert [(k.uge, k.aarsag, k.beloeb) for k in u.aendret_efter] == [
        (11, Korrektionsaarsag.GENAABNET, Decimal("-1666.67"))
    ]
    with pytest.raises(ValidationError, match="allerede godkendt"):
        godkend(s, MARTS)


def _aendringer_efter_marts(s):
    """After March was approved: A's week 11 reopened and approved again with 240 minutes,
    B's week 13 approved late, B's week 12 reopened and left open, an April week added."""
    with klokken(D(2026, 4, 10)):
        reg = tid.genaabn_uge(
            user=s.sagsbehandler,
            registrering=uge(s.a, D(2026, 3, 9), s.e),
            begrundelse="Mentoren har glemt en samtale.",
        )
        registrer(s.e, s.a, D(2026, 3, 9), (1, 200), (3, 40), version=reg.version)
        tid.godkend_uge(user=s.sagsbehandler, registrering=uge(s.a, D(2026, 3, 9), s.e))
        tid.godkend_uge(user=s.sagsbehandler, registrering=uge(s.b, D(2026, 3, 23), s.e))
        tid.genaabn_uge(
            user=s.sagsbehandler,
            registrering=uge(s.b, D(2026, 3, 16), s.e),
            begrundelse="Forkert dato.",
        )
    with klokken(D(2026, 4, 14)):
        registrer(s.e, s.b, D(2026, 4, 6), (0, 60))
        tid.godkend_uge(user=s.sagsbehandler, registrering=uge(s.b, D(2026, 4, 6), s.e))


def test_genaabnet_uge_giver_korrektion_i_naeste_afregning(marts):
    s = marts
    _aendringer_efter_marts(s)
    with klokken(D(2026, 5, 4)):
        u = _afregning(s, APRIL)
    assert [(k.forloeb_id, k.uge, k.minutter, k.beloeb) for k in u.linjer] == [
        (s.b.pk, 15, 60, Decimal("550.00"))
    ]
    korrektioner = {(k.forloeb_id, k.uge): k for k in u.korrektioner}
    a11, b12, b13 = (
        korrektioner[(s.a.pk, 11)],
        korrektioner[(s.b.pk, 12)],
        korrektioner[(s.b.pk, 13)],
    )
    assert (a11.aarsag, a11.tidligere_minutter, a11.minutter, a11.beloeb) == (
        Korrektionsaarsag.AENDRET, 200, 240, Decimal("333.33")
    )  # fmt: skip
    assert (b12.aarsag, b12.minutter, b12.beloeb) == (
        Korrektionsaarsag.GENAABNET, 0, Decimal("-1375.00")
    )  # fmt: skip
    assert (b13.aarsag, b13.minutter, b13.beloeb) == (
        Korrektionsaarsag.EFTERGODKENDT, 120, Decimal("1100.00")
    )  # fmt: skip
    assert len(korrektioner) == 3
    assert [(a.uge, a.genaabnet) for a in u.afventer] == [(12, True)]
    assert u.i_alt == Decimal("550.00") + Decimal("333.33") - Decimal("1375.00") + Decimal("1100")


def test_alle_afregninger_af_en_uge_summerer_til_hvad_den_koster_nu(marts):
    """The invariant behind every correction, against plain SQL, after each approval."""
    s = marts
    _aendringer_efter_marts(s)
    with klokken(D(2026, 5, 4)):
        gemt = godkend(s, APRIL)
    assert gemt.korrektioner == Decimal("58.33")
    afregnet = {}
    for row in Afregningslinje.objects.values("forloeb_id", "aar", "uge", "mentor_id", "beloeb"):
        key = (row["forloeb_id"], row["aar"], row["uge"], row["mentor_id"])
        afregnet[key] = afregnet.get(key, 0) + row["beloeb"]
    skyldigt = {r[:4]: r[4] for r in _sql(SKYLDIGT_SQL, lev=s.leverandoer.pk, til=D(2026, 5, 1))}
    # Every approved week is settled exactly; B's reopened week 12 is taken back to 0.
    assert {k: v for k, v in skyldigt.items() if v} == {k: v for k, v in afregnet.items() if v}
    with klokken(D(2026, 5, 20)):
        tid.godkend_uge(user=s.sagsbehandler, registrering=uge(s.b, D(2026, 3, 16), s.e))
        maj = _afregning(s, D(2026, 5, 1))
    assert [(k.uge, k.aarsag, k.beloeb) for k in maj.korrektioner] == [
        (12, Korrektionsaarsag.AENDRET, Decimal("1375.00"))
    ]


def test_godkendelse_venter_til_maanedens_sidste_uge_er_slut(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 5)), pytest.raises(ValidationError, match="06.04.2026"):
        godkend(s, MARTS)
    with klokken(D(2026, 4, 6)):
        assert godkend(s, MARTS).beloeb == Decimal("7391.67")


def test_godkendelse_afvises_naar_tallene_er_aendret_siden(marts_kladde):
    s = marts_kladde
    with klokken(D(2026, 4, 9)):
        set_af_lederen = _afregning(s, MARTS)
        tid.godkend_uge(user=s.sagsbehandler, registrering=uge(s.b, D(2026, 3, 23), s.e))
        with pytest.raises(ValidationError) as fejl:
            services.godkend_afregning(
                user=s.teamleder,
                leverandoer=s.leverandoer,
                team=s.team,
                maaned=MARTS,
                fingeraftryk=set_af_lederen.fingeraftryk,
            )
    assert fejl.value.error_dict["__all__"][0].code == "konflikt"
    assert not Afregning.objects.exists()


def test_kun_lederen_af_teamet_godkender(marts_kladde):
    s = marts_kladde
    fremmed = user_with_role(Rolle.TEAMLEDER)
    fremmed.organisation = s.team.organisation
    fremmed.save()
    with klokken(D(2026, 4, 9)):
        u = _afregning(s, MARTS)
        for user in (s.oekonom, s.sagsbehandler, fremmed):
            with pytest.raises(PermissionDenied):
                services.godkend_afregning(
                    user=user,
                    leverandoer=s.leverandoer,
                    team=s.team,
                    maaned=MARTS,
                    fingeraftryk=u.fingeraftryk,
                )


def test_uge_uden_kontraktpris_kan_ikke_godkendes(marts_kladde):
    s = marts_kladde
    Kontrakt.objects.filter(leverandoer=s.leverandoer, start=D(2026, 1, 1)).update(
        start=D(2026, 3, 3)
    )
    with klokken(D(2026, 4, 9)):
        u = _afregning(s, MARTS)
        assert {(k.uge, k.timepris) for k in u.mangler_pris} == {(10, None)}
        with pytest.raises(ValidationError, match="Ingen kontraktpris dækker uge 10/2026"):
            godkend(s, MARTS)


def test_tom_maaned_kan_ikke_godkendes(marts):
    s = marts
    with klokken(D(2026, 7, 10)), pytest.raises(ValidationError, match="intet at afregne"):
        services.godkend_afregning(
            user=s.teamleder,
            leverandoer=s.leverandoer,
            team=s.team,
            maaned=D(2026, 6, 1),
            fingeraftryk="",
        )


def test_en_leverandoer_i_en_anden_kommune_ses_ikke(marts):
    anden = Leverandoer.objects.create(
        organisation=user_with_role(Rolle.OEKONOMI).organisation, navn="X", cvr="87654321"
    )
    assert (
        afregning(
            organisation_id=marts.team.organisation_id,
            leverandoer_id=anden.pk,
            team_id=marts.team.pk,
            maaned=MARTS,
        )
        is None
    )


def test_linjerne_har_art_og_aarsag_i_databasen(marts):
    with transaction.atomic(), pytest.raises(IntegrityError):
        linje = Afregningslinje.objects.first()
        Afregningslinje.objects.filter(pk=linje.pk).update(art=Linjeart.KORREKTION)


def test_ny_pris_med_tilbagevirkende_kraft_korrigeres_i_naeste_afregning(marts):
    s = marts
    with klokken(D(2026, 4, 20)):
        services.ny_kontraktperiode(
            user=s.oekonom, leverandoer=s.leverandoer, start=D(2026, 3, 16), timepris="600"
        )
    with klokken(D(2026, 5, 4)):
        u = _afregning(s, APRIL)
    assert sorted((k.forloeb_id == s.a.pk, k.uge, k.aarsag, k.beloeb) for k in u.korrektioner) == [
        (False, 12, Korrektionsaarsag.PRIS, Decimal("125.00")),  # 150 min × 50 kr./h
        (False, 14, Korrektionsaarsag.PRIS, Decimal("50.00")),
        (True, 12, Korrektionsaarsag.PRIS, Decimal("50.00")),
    ]
    assert Afregning.objects.get().beloeb == Decimal("7391.67")


def test_antal_queries_afhaenger_ikke_af_antal_uger_og_forloeb(marts):
    s = marts

    def taelle():
        with CaptureQueriesContext(connection) as ctx, klokken(D(2026, 5, 4)):
            afregning(
                organisation_id=s.team.organisation_id,
                leverandoer_id=s.leverandoer.pk,
                team_id=s.team.pk,
                maaned=APRIL,
            )
            _afregning(s, MARTS)
        return len(ctx.captured_queries)

    foer = taelle()
    _aendringer_efter_marts(s)
    with klokken(D(2026, 4, 14)):
        registrer(s.e, s.b, D(2026, 4, 13), (0, 60))
    assert taelle() == foer
