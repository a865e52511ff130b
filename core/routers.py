"""The database router: reads go to the replica only inside core.db's read-only scope;
writes and migrations always go to the primary."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from .db import REPLIKA, laeses_fra_replika, replika_konfigureret

ALIASER = {DEFAULT_DB_ALIAS, REPLIKA}


class ReplikaRouter:
    def db_for_read(self, model, **hints):
        if not replika_konfigureret():
            return None
        # Explicitly the primary outside the scope: an object read from the replica must
        # not pull its relations from there afterwards.
        return REPLIKA if laeses_fra_replika() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if obj1._state.db in ALIASER and obj2._state.db in ALIASER:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
