"""Demo registrations: idempotent, by the week's mentor, and shaped like PRODUCT.md §8."""

import io
from datetime import timedelta

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from demo.kommune import registreringer
from forloeb.models import Forloeb, Mentortilknytning
from tidsregistrering.models import Kontakt, Ugeregistrering
from tidsregistrering.selectors import anomalier, levering

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(lille):
    return lille


def test_seed_er_idempotent(seeded):
    org, antal = seeded
    assert antal > 100
    assert registreringer.seed(org, seed=2019, stdout=io.StringIO()) == 0
    assert Ugeregistrering.objects.filter(forloeb__organisation=org).count() == antal


def test_minutter_i_alt_stemmer_med_kontakterne(seeded):
    org, _ = seeded
    regs = Ugeregistrering.objects.filter(forloeb__organisation=org).annotate(
        summen=Sum("kontakter__minutter"), antal=Count("kontakter")
    )
    for r in regs:
        assert r.minutter_i_alt == (r.summen or 0)
        assert bool(r.ingen_kontakt_aarsag) != bool(r.antal)
        assert r.minutter_i_alt <= 37 * 60


def test_kontakter_ligger_i_ugen_perioden_og_hos_ugens_mentor(seeded):
    org, _ = seeded
    today = timezone.localdate()
    tilknytninger = {}
    for t in Mentortilknytning.objects.filter(forloeb__organisation=org):
        tilknytninger.setdefault((t.forloeb_id, t.mentor_id), []).append(t)
    for k in Kontakt.objects.filter(registrering__forloeb__organisation=org).select_related(
        "registrering"
    ):
        r = k.registrering
        assert r.uge_start <= k.dato <= r.uge_start + timedelta(days=6)
        assert k.dato <= today
        assert any(
            t.fra <= k.dato and (t.til is None or k.dato <= t.til)
            for t in tilknytninger[(r.forloeb_id, r.mentor_id)]
        )
        assert r.forloeb.bevillinger.filter(start__lte=k.dato, slut__gte=k.dato).exists()


def test_leveret_tid_og_kontaktandel_foelger_produktets_tal(seeded):
    org, _ = seeded
    today = timezone.localdate()
    uger = minutter = med_kontakt = 0
    fundne = set()
    for f in Forloeb.objects.filter(organisation=org).exclude(status="kladde"):
        result = levering(f)
        done = [u for u in result.uger if u.mandag + timedelta(days=6) < today]
        uger += len(done)
        minutter += sum(u.leveret_minutter for u in done)
        med_kontakt += sum(1 for u in done if u.leveret_minutter)
        fundne |= {a.kode for a in anomalier([u.registrering for u in done if u.registrering])}
    assert uger > 100
    tal = (round(minutter / 60 / uger, 2), round(med_kontakt / uger, 2))
    # About 40 courses: the figures swing with the weeks the day leaves behind it (0.9-1.2 h,
    # 51-65 % on days from November to March). §8's own bounds (1-1.8 h, 60-70 %) are held
    # at the kommune scale, in tests/demo/test_fordelinger.py::test_kommunedata_foelger_tabellen.
    assert 0.7 <= tal[0] <= 2.0, tal
    assert 0.45 <= tal[1] <= 0.75, tal
    # Something real for the caseworker and compliance to find.
    assert {"hoejt_timetal", "ens_total", "sen_registrering"} <= fundne
