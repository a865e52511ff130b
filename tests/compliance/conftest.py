"""Helpers for the compliance tests: a fixed scan time and a course that breaks no rule."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from compliance import services
from compliance.models import Advarsel
from forloeb.models import Mentoraftale, Moede, Opfoelgning, Statusrapport
from tests.factories import aktivt_forloeb
from tidsregistrering.models import Kontakt, Ugeregistrering


def seneste_torsdag() -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=(today.isoweekday() - 4) % 7)


def mandag(dato: dt.date) -> dt.date:
    return dato - dt.timedelta(days=dato.isoweekday() - 1)


@pytest.fixture
def today() -> dt.date:
    """A Thursday: the deadline for last week's registration (Wednesday) has passed."""
    return seneste_torsdag()


@pytest.fixture
def now(today) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(today, dt.time(12, 0)))


def lukket_uge(today: dt.date) -> dt.date:
    """Monday of the latest week whose registration deadline has passed (today: Thursday)."""
    return mandag(today) - dt.timedelta(weeks=1)


def registrer(forloeb, uge_start: dt.date, minutter: int, form: str = "fysisk"):
    """A week registration with one contact on the week's Monday (or none when 0 minutes)."""
    iso = uge_start.isocalendar()
    reg, _ = Ugeregistrering.objects.update_or_create(
        forloeb=forloeb,
        aar=iso.year,
        uge=iso.week,
        mentor=forloeb.mentor,
        defaults={
            "uge_start": uge_start,
            "minutter_i_alt": minutter,
            "ingen_kontakt_aarsag": "" if minutter else "syg",
            "registreret_af": forloeb.mentor.bruger or forloeb.sagsbehandler,
        },
    )
    reg.kontakter.all().delete()
    if minutter:
        Kontakt.objects.create(registrering=reg, dato=uge_start, minutter=minutter, form=form)
    return reg


def kompliant_forloeb(today: dt.date, *, start: dt.date | None = None, timer="2", **kwargs):
    """An active course that breaks no rule on `today`: agreement handed out, start meeting,
    every closed week registered with exactly the granted hours, recent follow-up and report."""
    start = start or mandag(today) - dt.timedelta(weeks=10)
    forloeb = aktivt_forloeb(start=start, timer=timer, **kwargs)
    Mentoraftale.objects.filter(bevilling__forloeb=forloeb).update(
        udleveret=start, udleveringsmaade="personligt"
    )
    Moede.objects.create(
        forloeb=forloeb,
        type="opstart",
        dato=start + dt.timedelta(days=7),
        oprettet_af=forloeb.sagsbehandler,
    )
    uge = mandag(start)
    while uge <= lukket_uge(today):
        if uge >= start:
            registrer(forloeb, uge, int(Decimal(timer) * 60))
        uge += dt.timedelta(weeks=1)
    Opfoelgning.objects.create(
        forloeb=forloeb,
        dato=today - dt.timedelta(days=7),
        leveret="ja",
        kontakt_som_bevilget=True,
        udfoert_af=forloeb.sagsbehandler,
    )
    Statusrapport.objects.create(
        forloeb=forloeb, mentor=forloeb.mentor, dato=today - dt.timedelta(days=7), tekst="Godt."
    )
    return forloeb


def aabne(kode: str) -> set[int]:
    return set(Advarsel.objects.aabne().filter(regel=kode).values_list("forloeb_id", flat=True))


def scan_og_aabne(now, kode: str) -> set[int]:
    services.scan(now)
    return aabne(kode)


@pytest.fixture(autouse=True)
def _hurtige_adgangskoder(settings):
    """Factories hash a password per user; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
