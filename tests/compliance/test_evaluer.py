"""A change to a course re-evaluates that course through the outbox, and the restricted
scan leaves exactly the flags a full scan would."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from compliance import services
from compliance.models import Advarsel
from compliance.tasks import evaluer_forloeb_task
from drift.models import OutboxMessage
from forloeb import services as forloeb_services
from forloeb.models import Forloeb
from tests.factories import mentor_with_login
from tidsregistrering import services as tid_services

from .conftest import kompliant_forloeb, lukket_uge

pytestmark = pytest.mark.django_db

EVALUER = "compliance.evaluer_forloeb"


def _flags(ids=None) -> set[tuple[str, int]]:
    qs = Advarsel.objects.aabne()
    if ids is not None:
        qs = qs.filter(forloeb_id__in=ids)
    return set(qs.values_list("regel", "forloeb_id"))


def _fuld_scan(now) -> set[tuple[str, int]]:
    """The flags a full scan would give, without keeping them."""
    with transaction.atomic():
        services.scan(now)
        flags = _flags()
        transaction.set_rollback(True)
    return flags


def _kurs(today):
    """Five courses: compliant, two gaps, and two sharing a mentor with room for one."""
    ok = kompliant_forloeb(today)
    huller = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=huller.pk).update(opgaver="", maal="")
    ingen_rapport = kompliant_forloeb(today)
    ingen_rapport.statusrapporter.all().delete()
    travl = kompliant_forloeb(today)
    ekstra = kompliant_forloeb(
        today,
        start=lukket_uge(today) - dt.timedelta(weeks=6),
        mentor=travl.mentor,
        team=travl.team,
    )
    travl.mentor.kapacitet = 1
    travl.mentor.save()
    return [ok, huller, ingen_rapport, travl, ekstra]


def test_udvalgte_forloeb_faar_praecis_den_fulde_scannings_advarsler(today, now):
    kurs = _kurs(today)
    fuld = _fuld_scan(now)
    assert ("MENTOR_OVERBELASTET", kurs[4].pk) in fuld
    assert ("OPGAVER_MANGLER", kurs[1].pk) in fuld

    udvalgt = [kurs[1].pk, kurs[4].pk]
    services.scan(now, forloeb_ids=udvalgt)
    assert _flags() == {f for f in fuld if f[1] in udvalgt}

    services.scan(now, forloeb_ids=[k.pk for k in kurs if k.pk not in udvalgt])
    assert _flags() == fuld
    assert services.scan(now).oprettet == 0


def test_udvalgt_scanning_lukker_kun_de_udvalgte_forloebs_advarsler(today, now):
    kurs = _kurs(today)
    services.scan(now)
    Forloeb.objects.filter(pk=kurs[1].pk).update(opgaver="Struktur.", maal="Job.")
    kurs[3].mentor.kapacitet = 5
    kurs[3].mentor.save()
    later = now + dt.timedelta(hours=1)
    services.scan(later, forloeb_ids=[kurs[1].pk])
    assert not _flags([kurs[1].pk])
    assert ("MENTOR_OVERBELASTET", kurs[4].pk) in _flags()  # not re-evaluated yet
    services.scan(later, forloeb_ids=[kurs[4].pk])
    assert _flags() == _fuld_scan(later)


def _beskeder(forloeb) -> int:
    return OutboxMessage.objects.filter(
        task_name=EVALUER, kwargs={"forloeb_id": forloeb.pk}
    ).count()


def test_hver_aendring_af_et_forloeb_laegger_en_genvurdering_i_udbakken(today):
    forloeb = kompliant_forloeb(today)
    sb = forloeb.sagsbehandler
    foer = _beskeder(forloeb)
    forloeb_services.registrer_moede(user=sb, forloeb=forloeb, type="opfoelgning", dato=today)
    forloeb_services.registrer_opfoelgning(
        user=sb, forloeb=forloeb, dato=today, leveret="ja", kontakt_som_bevilget=True
    )
    forloeb_services.opdater_forloeb(
        user=sb, forloeb=forloeb, version=forloeb.version, maal="Ordinært job."
    )
    bevilling = forloeb.bevillinger.get()
    forloeb_services.aendr_timer(
        user=sb, bevilling=bevilling, gaelder_fra=today, timer_pr_uge=3, begrundelse="Behov."
    )
    forloeb_services.udlever_aftale(
        user=sb, aftale=bevilling.aftale, dato=today, maade="personligt"
    )
    forloeb_services.tildel_mentor(
        user=sb,
        forloeb=forloeb,
        mentor=mentor_with_login(forloeb.team),
        fra=today,
        begrundelse="Bedre match.",
        kvalifikationer="Erfaren med målgruppen.",
    )
    assert _beskeder(forloeb) == foer + 6

    with pytest.raises(ValidationError):
        forloeb_services.registrer_moede(
            user=sb, forloeb=forloeb, type="opfoelgning", dato=today + dt.timedelta(days=400)
        )
    assert _beskeder(forloeb) == foer + 6  # a refused write leaves nothing behind

    forloeb_services.afslut_forloeb(
        user=sb,
        forloeb=forloeb,
        dato=today,
        aarsag="maal_naaet",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    assert _beskeder(forloeb) == foer + 7


def test_ugeregistrering_godkendelse_og_genaabning_genvurderer(today):
    forloeb = kompliant_forloeb(today)
    mandag = today - dt.timedelta(days=today.isoweekday() - 1)
    iso = mandag.isocalendar()
    foer = _beskeder(forloeb)
    reg = tid_services.registrer_uge(
        user=forloeb.mentor.bruger,
        forloeb=forloeb,
        aar=iso.year,
        uge=iso.week,
        kontakter=[{"dato": mandag, "minutter": 60, "form": "fysisk"}],
    )
    assert _beskeder(forloeb) == foer + 1
    forrige = forloeb.ugeregistreringer.exclude(pk=reg.pk).order_by("-uge_start").first()
    tid_services.godkend_uge(user=forloeb.sagsbehandler, registrering=forrige)
    tid_services.genaabn_uge(
        user=forloeb.sagsbehandler, registrering=forrige, begrundelse="Forkert dato."
    )
    assert _beskeder(forloeb) == foer + 3


def test_genvurderingen_koeres_en_gang_og_giver_forloebets_advarsler(today, now):
    forloeb = kompliant_forloeb(today)
    Forloeb.objects.filter(pk=forloeb.pk).update(opgaver="")
    with transaction.atomic():
        forloeb_services.registrer_moede(
            user=forloeb.sagsbehandler, forloeb=forloeb, type="opfoelgning", dato=today
        )
    beskeder = list(OutboxMessage.objects.filter(task_name=EVALUER, processed_at__isnull=True))
    assert len(beskeder) > 1  # the grant's and the meeting's

    resultat = evaluer_forloeb_task(outbox_id=beskeder[-1].pk)
    # One run took the whole backlog of the same task with it.
    assert resultat["forloeb"] >= 1
    assert not OutboxMessage.objects.filter(task_name=EVALUER, processed_at__isnull=True).exists()
    assert ("OPGAVER_MANGLER", forloeb.pk) in _flags()
    # A redelivered message is not processed again.
    assert evaluer_forloeb_task(outbox_id=beskeder[0].pk) is None
    assert Advarsel.objects.filter(regel="OPGAVER_MANGLER", forloeb=forloeb).count() == 1
