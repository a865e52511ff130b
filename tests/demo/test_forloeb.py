"""Demo Kommune's courses: idempotent, shaped like PRODUCT.md §8, with the demo logins' work."""

import io
import statistics

import pytest
from django.db.models import Min
from django.utils import timezone

from demo import kommune
from forloeb import cpr
from forloeb.models import (
    Afslutning,
    Bevilling,
    Borger,
    Forloeb,
    Mentor,
    Progressionsvurdering,
    Status,
    Ydelsesgruppe,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(lille):
    return lille[0]


def test_seed_er_idempotent(seeded):
    before = (Forloeb.objects.count(), Borger.objects.count(), Bevilling.objects.count())
    kommune.seed_forloeb(seeded, scale="small", seed=2019, stdout=io.StringIO())
    after = (Forloeb.objects.count(), Borger.objects.count(), Bevilling.objects.count())
    assert after == before
    assert 35 <= before[0] <= 50


def _alder_ved_start(borger, start):
    born = borger.foedselsdato
    return start.year - born.year - ((start.month, start.day) < (born.month, born.day))


def test_andele_foelger_produktets_tal(seeded):
    forloeb = list(
        Forloeb.objects.filter(organisation=seeded)
        .select_related("borger")
        .annotate(start=Min("bevillinger__start"))
    )
    borgere = {f.borger_id: (f.borger, f.start) for f in forloeb if f.start}
    aldre = [_alder_ved_start(b, start) for b, start in borgere.values()]
    under_30 = sum(a < 30 for a in aldre) / len(aldre)
    assert 0.36 <= under_30 <= 0.56
    assert 30 <= statistics.mean(aldre) <= 38
    kontant = sum(
        b.ydelsesgruppe == Ydelsesgruppe.KONTANTHJAELP for b, _s in borgere.values()
    ) / len(borgere)
    assert 0.59 <= kontant <= 0.79
    foerste_timer = [
        b.timer_pr_uge
        for b in Bevilling.objects.filter(forloeb__organisation=seeded)
        .order_by("forloeb_id", "start")
        .distinct("forloeb")
    ]
    assert 1.5 <= float(statistics.median(foerste_timer)) <= 2.5


def test_demodata_har_venteliste_afsluttede_og_mentor_med_borgere(seeded):
    venteliste = Forloeb.objects.uden_mentor().filter(organisation=seeded)
    assert venteliste.count() >= 3
    # Backdated: the waiting list shows how long each citizen has waited.
    assert not venteliste.filter(oprettet__date__gte=timezone.localdate()).exists()
    afsluttede = Forloeb.objects.filter(organisation=seeded, status=Status.AFSLUTTET)
    assert afsluttede.exists()
    assert Afslutning.objects.filter(forloeb__in=afsluttede).count() == afsluttede.count()
    demo_mentor = Mentor.objects.get(bruger__username="mentor")
    aktive = Forloeb.objects.filter(mentor=demo_mentor, status=Status.AKTIV).count()
    assert 6 <= aktive <= 10
    assert (
        Forloeb.objects.filter(
            sagsbehandler__username="sagsbehandler", team__navn="Team Ungeindsats"
        ).count()
        >= 10
    )
    sider = set(Progressionsvurdering.objects.values_list("vurderet_af", flat=True))
    assert sider == {"mentor", "borger"}


def test_cpr_numre_er_gyldige_og_unikke(seeded):
    numre = [cpr.decrypt(b.cpr_krypteret) for b in Borger.objects.filter(organisation=seeded)]
    assert len(set(numre)) == len(numre)
    for nummer in numre:
        assert cpr.normalise(nummer) == nummer
