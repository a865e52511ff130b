"""CPR numbers at rest: encrypted, never in a raw dump, and the key can be rotated."""

import pytest
from cryptography.fernet import InvalidToken
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from forloeb import cpr
from forloeb.models import Borger
from tests.factories import BorgerFactory

from . import pg


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_cpr_kolonnen_i_et_raat_sql_dump_er_ikke_det_rene_nummer():
    borger = BorgerFactory(cpr_nummer="2403871234", navn="Dumpet Borgersen")
    dump = pg.run("pg_dump", "--data-only", "--table=forloeb_borger").stdout.decode()
    assert "Dumpet Borgersen" in dump  # the row is in the dump...
    assert "2403871234" not in dump  # ...but not its CPR number
    assert "240387-1234" not in dump
    assert borger.cpr_krypteret in dump
    history = pg.run("pg_dump", "--data-only", "--table=forloeb_historicalborger").stdout.decode()
    assert "2403871234" not in history and "240387-1234" not in history


@pytest.mark.django_db
def test_roter_cpr_noegle_genkrypterer_med_ny_noegle(capsys):
    with override_settings(CPR_KEYS=["gammel-noegle"]):
        borgere = [BorgerFactory(cpr_nummer=f"01019{n}1234") for n in range(3)]
        tokens = {b.pk: b.cpr_krypteret for b in borgere}
    with override_settings(CPR_KEYS=["ny-noegle", "gammel-noegle"]):
        call_command("roter_cpr_noegle")
    assert "3 CPR-numre er genkrypteret" in capsys.readouterr().out
    with override_settings(CPR_KEYS=["ny-noegle"]):
        for borger in Borger.objects.all():
            assert borger.cpr_krypteret != tokens[borger.pk]
            assert borger.cpr_fuldt() == f"01019{borgere.index(borger)}-1234"
    with override_settings(CPR_KEYS=["gammel-noegle"]), pytest.raises(ValidationError):
        Borger.objects.first().cpr_fuldt()


@pytest.mark.django_db
def test_roter_cpr_noegle_stopper_ved_ukendt_noegle():
    with override_settings(CPR_KEYS=["en-helt-anden"]):
        BorgerFactory()
    from django.core.management.base import CommandError

    with override_settings(CPR_KEYS=["ny-noegle"]), pytest.raises(CommandError) as err:
        call_command("roter_cpr_noegle")
    assert "kan ikke dekrypteres" in str(err.value)
    assert isinstance(err.value.__cause__, InvalidToken)


def test_cpr_haash_afhaenger_af_noeglen_og_ikke_kun_nummeret():
    with override_settings(CPR_HASH_KEY="a"):
        a = cpr.lookup_hash("0101901234")
    with override_settings(CPR_HASH_KEY="b"):
        b = cpr.lookup_hash("0101901234")
    assert a != b and "0101901234" not in a
