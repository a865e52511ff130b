"""Compliance reaches the week registrations only through tidsregistrering/sql.py: every
column it declares exists on the models, and every column the rule catalogue names on
those tables is declared. A rename then fails here, not in the nightly scan."""

import re
from pathlib import Path

from django.apps import apps

from compliance.regler import REGLER
from compliance.selectors import timer as timer_selectors
from tidsregistrering import sql as tid_sql


def _kolonner(label: str) -> set[str]:
    return {f.column for f in apps.get_model(label)._meta.concrete_fields}


def test_de_erklaerede_kolonner_findes():
    for key, (label, kolonner) in tid_sql.KOLONNER.items():
        assert kolonner <= _kolonner(label), (key, kolonner - _kolonner(label))


def _brugte_kolonner(sql: str, noegle: str) -> set[str]:
    """Columns named through an alias of the `{noegle}` table in a SQL template."""
    tabel = r"\{(?:t\[\")?" + noegle + r"(?:\"\])?\}"  # {ugereg} or {t["ugereg"]}
    aliaser = set(re.findall(tabel + r"\s+(?:AS\s+)?(\w+)", sql))
    brugt = set()
    for alias in aliaser:
        brugt |= set(re.findall(rf"\b{alias}\.(\w+)", sql))
    return brugt


def test_reglerne_bruger_kun_erklaerede_kolonner():
    kilder = [r.sql for r in REGLER.values()] + [tid_sql.DELE]
    # The dashboard's hours, one function (one statement) at a time.
    kilder += Path(timer_selectors.__file__).read_text().split("\ndef ")
    for noegle, (_label, kolonner) in tid_sql.KOLONNER.items():
        for sql in kilder:
            brugt = _brugte_kolonner(sql, noegle)
            assert brugt <= kolonner, (noegle, brugt - kolonner)


def test_kolonnekontrollen_kan_fejle():
    assert _brugte_kolonner("SELECT u.omdoebt FROM {ugereg} u", "ugereg") == {"omdoebt"}
    assert _brugte_kolonner('SELECT r.x FROM {t["ugereg"]} r', "ugereg") == {"x"}
