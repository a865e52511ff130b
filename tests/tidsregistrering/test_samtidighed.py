"""A double submit from two tabs or a flaky phone: two connections at once, one row."""

import threading

import pytest
from django.db import connection, connections

from tests.factories import aktivt_forloeb
from tidsregistrering import services
from tidsregistrering.models import Kontakt, Ugeregistrering

from .conftest import kontakt, mandag, uge_af

pytestmark = pytest.mark.django_db(transaction=True)


def _samtidigt(n, fn):
    """Run fn in n threads (each with its own DB connection), released together."""
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(fn())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, errors


@pytest.mark.parametrize("antal", [2, 4])
def test_samtidige_ens_indsendelser_af_samme_uge_giver_een_raekke(antal):
    forloeb = aktivt_forloeb(start=mandag(4))
    user = forloeb.mentor.bruger
    m = mandag(1)
    # Make the insert race real: each thread validates, then inserts in its own transaction.
    results, errors = _samtidigt(
        antal,
        lambda: (
            services.registrer_uge(
                user=user, forloeb=forloeb, kontakter=[kontakt(m, 45)], **uge_af(m)
            ).pk
        ),
    )
    assert errors == []
    assert len(set(results)) == 1
    assert Ugeregistrering.objects.filter(forloeb=forloeb).count() == 1
    assert Kontakt.objects.filter(registrering__forloeb=forloeb).count() == 1
    assert Ugeregistrering.objects.get(forloeb=forloeb).minutter_i_alt == 45
    assert connection.is_usable()
