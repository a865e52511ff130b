"""RESULTAT_MANGLER on its boundary days: a mark is the end date plus 3, 6 or 12 months
(clamped to the month's last day); the outcome is due `resultat_frist_dage` (14) days
after it, and the flag opens the day after that. Cancelled drafts never get one."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from compliance import services
from compliance.links import ret_url
from compliance.models import Advarsel, Regelindstillinger
from forloeb import services as forloeb_services
from tests.factories import ForloebFactory, aktivt_forloeb

pytestmark = pytest.mark.django_db
D = dt.date
KODE = "RESULTAT_MANGLER"


def _kl(dato):
    return timezone.make_aware(dt.datetime.combine(dato, dt.time(12)))


def _scan(dato) -> Advarsel | None:
    with time_machine.travel(_kl(dato), tick=False):
        services.scan(_kl(dato))
    return Advarsel.objects.aabne().filter(regel=KODE).first()


@pytest.fixture
def afsluttet():
    """A course ended on Monday 31 August 2026: marks 30 November 2026, 28 February 2027
    (31 August + 6 months, clamped) and 31 August 2027."""
    with time_machine.travel(_kl(D(2026, 8, 31)), tick=False):
        forloeb = aktivt_forloeb(start=D(2026, 6, 1))
        forloeb_services.afslut_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            dato=D(2026, 8, 31),
            aarsag="maal_naaet",
            borger_vurdering=4,
            mentor_vurdering=4,
        )
    return forloeb


def _resultat(forloeb, dato, maaned):
    with time_machine.travel(_kl(dato), tick=False):
        forloeb.refresh_from_db()
        forloeb_services.registrer_resultat(
            user=forloeb.sagsbehandler, forloeb=forloeb, maaned=maaned, resultat="uddannelse"
        )


def test_tre_maaneder_graensedage(afsluttet):
    assert _scan(D(2026, 12, 14)) is None  # mark + 14 days: still due
    flag = _scan(D(2026, 12, 15))
    assert (flag.forloeb_id, flag.siden, flag.ansvarlig) == (
        afsluttet.pk, D(2026, 12, 15), afsluttet.sagsbehandler
    )  # fmt: skip
    assert ret_url(flag, afsluttet.sagsbehandler) == reverse(
        "forloeb:forloeb_resultat", args=[afsluttet.pk]
    )


def test_registreret_resultat_lukker_advarslen_som_loest(afsluttet):
    flag = _scan(D(2026, 12, 20))
    _resultat(afsluttet, D(2026, 12, 21), 3)
    assert _scan(D(2026, 12, 21)) is None
    flag.refresh_from_db()
    assert flag.lukket_som == Advarsel.Lukning.LOEST


def test_seks_maaneder_fra_den_sidste_i_maaneden(afsluttet):
    _resultat(afsluttet, D(2026, 12, 1), 3)
    assert _scan(D(2027, 3, 14)) is None  # 28 February + 14
    assert _scan(D(2027, 3, 15)).siden == D(2027, 3, 15)


def test_tolv_maaneder_og_den_aeldste_mangel_er_siden(afsluttet):
    _resultat(afsluttet, D(2026, 12, 1), 3)
    _resultat(afsluttet, D(2027, 3, 1), 6)
    assert _scan(D(2027, 9, 14)) is None
    assert _scan(D(2027, 9, 15)).siden == D(2027, 9, 15)


def test_fristen_er_en_indstilling(afsluttet):
    indstillinger = Regelindstillinger.hent()
    indstillinger.resultat_frist_dage = 0
    indstillinger.save()
    assert _scan(D(2026, 11, 30)) is None  # the mark itself: it can be registered today
    assert _scan(D(2026, 12, 1)).siden == D(2026, 12, 1)


def test_annulleret_kladde_faar_ingen_paamindelse():
    with time_machine.travel(_kl(D(2026, 1, 5)), tick=False):
        kladde = ForloebFactory()
        forloeb_services.annuller_kladde(
            user=kladde.sagsbehandler, forloeb=kladde, begrundelse="Borgeren flyttede."
        )
    assert _scan(D(2027, 6, 1)) is None
