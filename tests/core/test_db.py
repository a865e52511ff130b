"""Without REPLICA_DATABASE_URL nothing changes: every read uses the primary. (With a real
replica: tests/drift/test_replika.py.)"""

from django.db import connection, router

from core.db import fra_replika, laeseforbindelse, replika_konfigureret
from organisation.models import Team


def test_uden_replika_laeses_alt_fra_den_primaere(db):
    assert not replika_konfigureret()
    with fra_replika() as scope:
        assert not scope.replika
        assert laeseforbindelse() is connection
        assert router.db_for_read(Team) == "default"
    assert laeseforbindelse() is connection
