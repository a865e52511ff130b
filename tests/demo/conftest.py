import io

import pytest

from demo import kommune
from demo.kommune import registreringer
from demo.organisation import seed_organisation
from tests.klokke import paa_testdagen


@pytest.fixture(scope="module")
def lille(django_db_setup, django_db_blocker):
    """Demo Kommune at small scale (courses and their registrations), seeded once per
    module and rolled back afterwards: (organisation, number of registrations)."""
    with django_db_blocker.unblock(), paa_testdagen():
        from django.db import connection, transaction

        transaction.set_autocommit(False)
        try:
            org = seed_organisation(password="demo-test-kode-1")
            kommune.seed_forloeb(org, scale="small", seed=2019, stdout=io.StringIO())
            antal = registreringer.seed(org, seed=2019, stdout=io.StringIO())
            yield org, antal
        finally:
            transaction.rollback()
            transaction.set_autocommit(True)
            connection.close()
