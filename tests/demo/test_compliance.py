import pytest
from django.core.management import call_command
from django.db.models import Count

from compliance.models import Advarsel, UgeSnapshot
from compliance.regler import REGLER


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_viser_advarsler_for_alle_regler_og_tolv_ugers_trend(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo")
    regler = dict(Advarsel.objects.aabne().values_list("regel").annotate(n=Count("id")))
    assert set(regler) == set(REGLER)
    uger = UgeSnapshot.objects.values("uge_start").distinct().count()
    assert uger == 13
    before = (Advarsel.objects.count(), UgeSnapshot.objects.count())
    call_command("seed_demo")
    assert (Advarsel.objects.count(), UgeSnapshot.objects.count()) == before
