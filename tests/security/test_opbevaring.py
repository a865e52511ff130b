"""Retention: citizens whose courses all ended more than N years ago are pseudonymised,
in the live tables and the history tables, and the statistics stay the same."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from forloeb import cpr, services
from forloeb.models import Borger, Forloeb, Status
from organisation.models import Rolle
from privacy import opbevaring
from privacy.tasks import opbevaring_task
from tests.conftest import wait_until
from tests.factories import (
    BorgerFactory,
    TeamFactory,
    aktivt_forloeb,
    mentor_with_login,
    user_with_role,
)
from tidsregistrering.models import Ugeregistrering

pytestmark = pytest.mark.django_db

# What the dashboards count, in plain SQL so no application code is trusted.
STATISTIK = {
    "forloeb": "SELECT status, count(*) FROM forloeb_forloeb GROUP BY 1 ORDER BY 1",
    "perioder": "SELECT count(*), sum(timer_pr_uge), min(start), max(slut) FROM forloeb_bevilling",
    "timeaendringer": "SELECT count(*), sum(timer_pr_uge) FROM forloeb_timeaendring",
    "minutter": "SELECT count(*), sum(minutter_i_alt) FROM tidsregistrering_ugeregistrering",
    "afslutninger": (
        "SELECT aarsag, dato, borger_vurdering, mentor_vurdering FROM forloeb_afslutning "
        "ORDER BY 1, 2"
    ),
    "resultater": "SELECT maaned, resultat, count(*) FROM forloeb_resultat GROUP BY 1, 2",
    "moeder": "SELECT type, dato FROM forloeb_moede ORDER BY 1, 2",
    "opfoelgninger": "SELECT leveret, kontakt_som_bevilget, dato FROM forloeb_opfoelgning",
    "vurderinger": "SELECT vurderet_af, score FROM forloeb_progressionsvurdering ORDER BY 1, 2",
    "arbejdspunkter": "SELECT status, count(*) FROM forloeb_arbejdspunkt GROUP BY 1",
    "statusrapporter": "SELECT dato FROM forloeb_statusrapport ORDER BY 1",
    "borgere": (
        "SELECT ydelsesgruppe, visitation, ret_og_pligt, count(*), "
        "min(extract(year from foedselsdato)) FROM forloeb_borger GROUP BY 1, 2, 3"
    ),
}

PERSONLIGT = {
    "navn": "Gammel Testborger Sørensen",
    "adresse": "Hemmeligvej 12, 9000 Aalborg",
    "telefon": "87654321",
    "email": "gammel.borger@example.invalid",
    "oensker": "Ønsker kvindelig mentor pga. tidligere overgreb",
}
NOTER = [
    "Opstartsmødereferat-om-misbrug-A1",
    "Beslutning-om-behandling-A2",
    "Opfølgning-note-om-helbred-A3",
    "Statusrapport-om-familie-A4",
    "Exitplan-med-navn-A5",
    "Arbejdspunkt-om-gæld-A6",
    "Vurderingskommentar-A7",
    "Timeændring-begrundelse-A8",
    "Mentorskifte-begrundelse-A9",
    "Oprindeligt-mål-om-psykiatri-B1",
    "Ingen-kontakt-fordi-indlagt-B2",
]


def _statistik() -> dict:
    with connection.cursor() as cur:
        result = {}
        for key, sql in STATISTIK.items():
            cur.execute(sql)
            result[key] = cur.fetchall()
        return result


def _tabeller_med(tekst: str) -> list[str]:
    """Every table in the database whose rows contain the text anywhere."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        hits = []
        for (table,) in cur.fetchall():
            cur.execute(
                f'SELECT 1 FROM "{table}" t WHERE t::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{tekst}%"],
            )
            if cur.fetchone():
                hits.append(table)
        return hits


def _gammelt_forloeb(team, aar_siden: int, cpr_nummer: str) -> Forloeb:
    """A course with every kind of note, ended `aar_siden` years ago."""
    start = timezone.localdate() - timedelta(days=365 * aar_siden + 200)
    borger = BorgerFactory(
        organisation=team.organisation,
        cpr_nummer=cpr_nummer,
        navn="Midlertidigt navn",
        adresse=PERSONLIGT["adresse"],
        telefon=PERSONLIGT["telefon"],
        email=PERSONLIGT["email"],
        oensker_til_mentor=PERSONLIGT["oensker"],
        problemomraader=["misbrug", "helbred"],
    )
    borger.navn = PERSONLIGT["navn"]
    borger.save()  # the history now holds both names
    forloeb = aktivt_forloeb(team=team, start=start, borger=borger, maal=NOTER[9])
    sb = forloeb.sagsbehandler
    forloeb = services.opdater_forloeb(
        user=sb, forloeb=forloeb, version=forloeb.version, maal="Nyt mål: job"
    )
    services.tildel_mentor(
        user=sb,
        forloeb=forloeb,
        mentor=mentor_with_login(team),
        fra=start + timedelta(days=30),
        begrundelse=NOTER[8],
        kvalifikationer="Erfaren med målgruppen.",
    )
    forloeb.refresh_from_db()
    bevilling = forloeb.bevillinger.get()
    services.aendr_timer(
        user=sb,
        bevilling=bevilling,
        gaelder_fra=start + timedelta(days=40),
        timer_pr_uge=Decimal("3"),
        begrundelse=NOTER[7],
    )
    services.registrer_moede(
        user=sb,
        forloeb=forloeb,
        type="opstart",
        dato=start + timedelta(days=5),
        referat=NOTER[0],
        beslutninger=NOTER[1],
    )
    services.registrer_opfoelgning(
        user=sb,
        forloeb=forloeb,
        dato=start + timedelta(days=60),
        leveret="delvist",
        kontakt_som_bevilget=False,
        note=NOTER[2],
    )
    services.skriv_statusrapport(user=forloeb.mentor.bruger, forloeb=forloeb, tekst=NOTER[3])
    punkt = services.opret_arbejdspunkt(user=sb, forloeb=forloeb, titel=NOTER[5])
    services.vurder_progression(
        user=sb, arbejdspunkt=punkt, vurderet_af="borger", score=3, kommentar=NOTER[6]
    )
    for uge in range(3):
        mandag = start + timedelta(days=7 * uge - start.weekday())
        aar, nr, _ = mandag.isocalendar()
        Ugeregistrering.objects.create(
            forloeb=forloeb,
            aar=aar,
            uge=nr,
            uge_start=mandag,
            mentor=forloeb.mentor,
            minutter_i_alt=90 * uge,
            ingen_kontakt_aarsag="syg" if uge == 0 else "",
            ingen_kontakt_note=NOTER[10] if uge == 0 else "",
            registreret_af=forloeb.mentor.bruger,
        )
    services.afslut_forloeb(
        user=sb,
        forloeb=forloeb,
        dato=start + timedelta(days=150),
        aarsag="job",
        borger_vurdering=4,
        mentor_vurdering=5,
        exitplan=NOTER[4],
    )
    forloeb.refresh_from_db()
    services.registrer_resultat(user=sb, forloeb=forloeb, maaned=3, resultat="ordinaert_job")
    return forloeb


def test_opbevaringsjob_pseudonymiserer_gammelt_forloeb_og_statistikken_er_uaendret(db):
    team = TeamFactory()
    gammel = _gammelt_forloeb(team, aar_siden=6, cpr_nummer="1505801234")
    nyere = aktivt_forloeb(team=team)  # someone else's active course, untouched
    old_hash = gammel.borger.cpr_hash
    for tekst in [*PERSONLIGT.values(), *NOTER]:
        assert _tabeller_med(tekst), tekst  # the data is really there before
    before = _statistik()

    assert opbevaring.pseudonymiser_gamle_forloeb() == 1

    assert _statistik() == before
    borger = Borger.objects.get(pk=gammel.borger_id)
    assert borger.navn == f"Pseudonymiseret borger {borger.pk}"
    assert (borger.adresse, borger.telefon, borger.email) == ("", "", "")
    assert borger.problemomraader == [] and borger.oensker_til_mentor == ""
    assert borger.pseudonymiseret is not None
    assert borger.foedselsdato.year == 1980 and (
        borger.foedselsdato.month,
        borger.foedselsdato.day,
    ) == (1, 1)
    assert borger.cpr_hash != old_hash
    assert not cpr.decrypt(borger.cpr_krypteret).isdigit()
    assert not Borger.objects.filter(cpr_hash=cpr.lookup_hash("1505801234")).exists()
    for tekst in [*PERSONLIGT.values(), *NOTER, old_hash, "1505801234"]:
        assert _tabeller_med(tekst) == [], tekst
    assert _tabeller_med("[pseudonymiseret]")
    forloeb = Forloeb.objects.get(pk=gammel.pk)
    assert forloeb.maal == opbevaring.PSEUDONYM_TEKST
    assert forloeb.ud_over_normalt == ""  # empty stays empty: "was it written?" still counts

    nyere.refresh_from_db()
    assert nyere.borger.pseudonymiseret is None
    assert nyere.maal.startswith("Borgeren starter")
    # Idempotent: the next night has nothing to do.
    assert opbevaring.pseudonymiser_gamle_forloeb() == 0


def test_borger_med_et_nyere_forloeb_springes_over(db):
    team = TeamFactory()
    gammel = _gammelt_forloeb(team, aar_siden=6, cpr_nummer="1505801234")
    aktivt_forloeb(team=team, borger=gammel.borger)
    assert opbevaring.pseudonymiser_gamle_forloeb() == 0
    borger = Borger.objects.get(pk=gammel.borger_id)
    assert borger.navn == PERSONLIGT["navn"] and borger.pseudonymiseret is None


def test_forloeb_afsluttet_for_under_n_aar_siden_beholdes(db, settings):
    team = TeamFactory()
    gammel = _gammelt_forloeb(team, aar_siden=3, cpr_nummer="1505801234")
    assert opbevaring.pseudonymiser_gamle_forloeb() == 0
    settings.PSEUDONYMISERING_AAR = 2
    assert opbevaring.pseudonymiser_gamle_forloeb() == 1
    assert Borger.objects.get(pk=gammel.borger_id).pseudonymiseret is not None


def test_opbevaringsopgaven_er_planlagt_og_kan_koeres(db):
    from django_celery_beat.models import PeriodicTask

    from drift.schedules import ensure_default_schedules

    ensure_default_schedules()
    assert PeriodicTask.objects.filter(task="privacy.opbevaring", enabled=True).exists()
    team = TeamFactory()
    _gammelt_forloeb(team, aar_siden=6, cpr_nummer="1505801234")
    result = opbevaring_task.apply().get()
    assert result == {"pseudonymiserede_borgere": 1, "slettede_lograekker": 0}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_opbevaringsopgaven_koerer_paa_en_rigtig_worker(celery_worker_process):
    team = TeamFactory()
    gammel = _gammelt_forloeb(team, aar_siden=6, cpr_nummer="1505801234")
    opbevaring_task.delay()
    wait_until(
        lambda: Borger.objects.filter(pk=gammel.borger_id, pseudonymiseret__isnull=False).exists()
    )
    assert Forloeb.objects.get(pk=gammel.pk).status == Status.AFSLUTTET


def test_sagsbehandler_kan_ikke_finde_pseudonymiseret_borger_paa_navn(client, db):
    team = TeamFactory()
    gammel = _gammelt_forloeb(team, aar_siden=6, cpr_nummer="1505801234")
    opbevaring.pseudonymiser_gamle_forloeb()
    client.force_login(user_with_role(Rolle.SAGSBEHANDLER, team=team))
    from django.urls import reverse

    html = client.get(reverse("forloeb:borger_soeg"), {"navn": "Sørensen"}).content.decode()
    assert PERSONLIGT["navn"] not in html
    assert gammel.borger_id
