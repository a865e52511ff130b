"""The rule catalogue (PRODUCT.md §6): one entry per rule, each with a set-based query.

Each rule's `sql` returns the offending courses as rows of (forloeb_id, siden) — "since"
is the date the condition began where that is known. The query sees a CTE `aktive`: the
courses active on `%(today)s` (status aktiv, or ended after that day, with a period that
had started). All thresholds come from `Regelindstillinger` through `parametre()`, so an
administrator changes them in the admin without a deploy. Adding a rule is one entry here
and its tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _

SAGSBEHANDLER = "sagsbehandler"
MENTOR = "mentor"


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _tables() -> dict[str, str]:
    return {
        "forloeb": _table("forloeb.Forloeb"),
        "bevilling": _table("forloeb.Bevilling"),
        "timeaendring": _table("forloeb.Timeaendring"),
        "aftale": _table("forloeb.Mentoraftale"),
        "tilknytning": _table("forloeb.Mentortilknytning"),
        "mentor": _table("forloeb.Mentor"),
        "moede": _table("forloeb.Moede"),
        "opfoelgning": _table("forloeb.Opfoelgning"),
        "statusrapport": _table("forloeb.Statusrapport"),
        "afslutning": _table("forloeb.Afslutning"),
        "ugereg": _table("tidsregistrering.Ugeregistrering"),
        "kontakt": _table("tidsregistrering.Kontakt"),
    }


# Courses active on %(today)s; `foerste_start` is the start of the first period.
AKTIVE = """aktive AS (
    SELECT f.id, f.sagsbehandler_id, f.mentor_id, f.lovgrundlag, f.formaal, f.maal, f.opgaver,
           (SELECT min(b.start) FROM {bevilling} b WHERE b.forloeb_id = f.id) AS foerste_start
    FROM {forloeb} f
    LEFT JOIN {afslutning} x ON x.forloeb_id = f.id
    WHERE (f.status = 'aktiv' OR (f.status = 'afsluttet' AND x.dato > %(today)s))
      AND EXISTS (SELECT 1 FROM {bevilling} b WHERE b.forloeb_id = f.id AND b.start <= %(today)s)
)"""


# The scan builds the active set once per run (a temp table dropped at commit, analysed so
# the planner knows its size) and every rule reads it instead of re-evaluating `aktive`.
AKTIVE_TABEL = "scan_aktive"
AKTIVE_FRA_TABEL = f"aktive AS (SELECT * FROM {AKTIVE_TABEL})"  # noqa: S608 (constant)


@dataclass(frozen=True)
class Regel:
    kode: str
    titel: str
    grundlag: str
    rettelse: str
    ansvarlig: str  # SAGSBEHANDLER or MENTOR
    sql: str
    # Where the flag is fixed: URL names tried in turn with the course id (see links.py).
    ret_url: tuple[str, ...] = ()

    def query(self, aktive: str | None = None) -> str:
        """The rule's SELECT with table names filled in; params from `parametre()`.
        `aktive` replaces the CTE's definition (the scan reads a set built once)."""
        return self.sql.format(aktive=aktive or AKTIVE.format(**_tables()), **_tables())


def parametre(today: dt.date, indstillinger) -> dict:
    """Query parameters for a scan on `today` with the administrator's thresholds."""
    mandag = today - dt.timedelta(days=today.isoweekday() - 1)
    # The most recent week whose registration deadline (e.g. Wednesday) has passed.
    if today.isoweekday() > indstillinger.registrering_frist_ugedag:
        lukket_uge = mandag - dt.timedelta(weeks=1)
    else:
        lukket_uge = mandag - dt.timedelta(weeks=2)
    return {
        "today": today,
        "lukket_uge": lukket_uge,
        "frist_dage": indstillinger.registrering_frist_ugedag,
        "aftale_dage": indstillinger.aftale_dage,
        "udloeber_dage": indstillinger.periode_udloeber_dage,
        "trepart_dage": indstillinger.trepartsmoede_uger * 7,
        "kontakt_uger": indstillinger.ingen_kontakt_uger,
        "kontakt_uger_rop": indstillinger.ingen_kontakt_uger_ret_og_pligt,
        "levering_start": lukket_uge - dt.timedelta(weeks=indstillinger.levering_uger - 1),
        "levering_min": indstillinger.levering_min_pct,
        "levering_max": indstillinger.levering_max_pct,
        "opfoelgning_dage": indstillinger.opfoelgning_uger * 7,
        "statusrapport_dage": indstillinger.statusrapport_uger * 7,
        "kapacitet": indstillinger.mentor_kapacitet,
    }


_REGLER = [
    Regel(
        kode="FORMAAL_MANGLER",
        titel=_("Formål og konkret mål mangler"),
        grundlag=_("LAB §31b; STARs fokusrevision"),
        rettelse=_("Vælg formålet efter §31b og beskriv det konkrete mål på forløbet."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start AS siden FROM aktive a
            WHERE a.formaal = '' OR btrim(a.maal) = ''""",
        ret_url=("forloeb:forloeb_rediger", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="OPGAVER_MANGLER",
        titel=_("Mentorens opgaver er ikke beskrevet"),
        grundlag=_("STARs fokusrevision"),
        rettelse=_("Beskriv, hvad mentoren skal gøre, på forløbet."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start AS siden FROM aktive a
            WHERE btrim(a.opgaver) = ''""",
        ret_url=("forloeb:forloeb_rediger", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="KVALIFIKATIONER_MANGLER",
        titel=_("Mentorens kvalifikationer er ikke dokumenteret"),
        grundlag=_("STARs fokusrevision"),
        rettelse=_("Dokumentér i bevillingen, hvorfor mentoren er kvalificeret til opgaven."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, b.start AS siden FROM aktive a
            JOIN LATERAL (
                SELECT b.start, b.kvalifikationer FROM {bevilling} b
                WHERE b.forloeb_id = a.id AND b.start <= %(today)s
                ORDER BY b.start DESC LIMIT 1
            ) b ON true
            WHERE btrim(b.kvalifikationer) = ''""",
        ret_url=("forloeb:forloeb_detalje",),
    ),
    Regel(
        kode="AFTALE_MANGLER",
        titel=_("Skriftlig aftale ikke udleveret"),
        grundlag=_("LAB §31c: skriftlig aftale med borgeren"),
        rettelse=_("Registrér, hvornår og hvordan mentoraftalen blev udleveret til borgeren."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, b.start + %(aftale_dage)s::int + 1 AS siden
            FROM aktive a
            JOIN {bevilling} b ON b.forloeb_id = a.id
            LEFT JOIN {aftale} m ON m.bevilling_id = b.id
            WHERE b.start + %(aftale_dage)s::int < %(today)s
              AND (m.id IS NULL OR m.udleveret IS NULL)""",
        ret_url=("forloeb:forloeb_detalje",),
    ),
    Regel(
        kode="PERIODE_UDLOEBER",
        titel=_("Perioden udløber uden beslutning"),
        grundlag=_("LAB §31c: højst 6 måneder ad gangen, ny periode kræver konkret vurdering"),
        rettelse=_(
            "Beslut før periodens udløb: bevilg en ny periode med en konkret vurdering, "
            "eller afslut forløbet."
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) - %(udloeber_dage)s::int AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            GROUP BY a.id
            HAVING max(b.slut) >= %(today)s
               AND max(b.slut) <= %(today)s + %(udloeber_dage)s::int""",
        ret_url=("forloeb:forloeb_periode", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="PERIODE_OVERSKREDET",
        titel=_("Forløb eller tid uden for en bevilget periode"),
        grundlag=_("LAB §31c: støtte kun inden for en bevilget periode"),
        rettelse=_(
            "Bevilg en ny periode med en konkret vurdering, afslut forløbet, eller ret de "
            "kontakter, der ligger uden for perioden."
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) + 1 AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            GROUP BY a.id HAVING max(b.slut) < %(today)s
            UNION ALL
            SELECT u.forloeb_id, min(k.dato) AS siden
            FROM {kontakt} k
            JOIN {ugereg} u ON u.id = k.registrering_id
            JOIN {forloeb} f ON f.id = u.forloeb_id
            WHERE f.status <> 'kladde' AND k.dato <= %(today)s
              AND NOT EXISTS (
                  SELECT 1 FROM {bevilling} b
                  WHERE b.forloeb_id = u.forloeb_id AND k.dato BETWEEN b.start AND b.slut)
            GROUP BY u.forloeb_id""",
        ret_url=("forloeb:forloeb_periode", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="TREPARTSMOEDE_MANGLER",
        titel=_("Intet trepartsmøde ved opstart"),
        grundlag=_("Praksis (Hjørring, Rambøll): opstartsmøde inden for de første uger"),
        rettelse=_("Hold og registrér opstartsmødet med borger, mentor og sagsbehandler."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start + %(trepart_dage)s::int + 1 AS siden
            FROM aktive a
            WHERE a.foerste_start + %(trepart_dage)s::int < %(today)s
              AND NOT EXISTS (
                  SELECT 1 FROM {moede} m
                  WHERE m.forloeb_id = a.id AND m.type = 'opstart' AND m.dato <= %(today)s)""",
        ret_url=("forloeb:forloeb_moede", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="INGEN_KONTAKT",
        titel=_("Ingen kontakt mellem mentor og borger"),
        grundlag=_(
            "\u201dHvor er min mentor\u201d (DR 2018); ret og pligt: mindst ét møde om ugen"
        ),
        rettelse=_(
            "Tag kontakt til borgeren og registrér kontakten; ved varigt fravær: tal med "
            "sagsbehandleren om forløbet."
        ),
        ansvarlig=MENTOR,
        sql="""WITH {aktive}, vindue AS (
                SELECT a.id, a.foerste_start,
                       %(lukket_uge)s::date - 7 * ((CASE WHEN a.lovgrundlag = 'ret_og_pligt'
                           THEN %(kontakt_uger_rop)s::int ELSE %(kontakt_uger)s::int END) - 1)
                           AS start
                FROM aktive a
            )
            SELECT v.id AS forloeb_id,
                   GREATEST(v.foerste_start, (
                       SELECT max(u.uge_start) + 7 FROM {ugereg} u
                       WHERE u.forloeb_id = v.id AND u.minutter_i_alt > 0
                         AND u.uge_start < v.start)) AS siden
            FROM vindue v
            WHERE v.foerste_start <= v.start
              AND NOT EXISTS (
                  SELECT 1 FROM {ugereg} u
                  WHERE u.forloeb_id = v.id AND u.minutter_i_alt > 0
                    AND u.uge_start BETWEEN v.start AND %(lukket_uge)s)""",
        ret_url=("tidsregistrering:min_uge",),
    ),
    Regel(
        kode="REGISTRERING_MANGLER",
        titel=_("Ugen er ikke registreret"),
        grundlag=_("Opfølgning på levering: mentoren registrerer forrige uge senest onsdag"),
        rettelse=_("Registrér sidste uges kontakt, eller årsagen til at der ingen var."),
        ansvarlig=MENTOR,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id,
                   %(lukket_uge)s::date + 7 + %(frist_dage)s::int AS siden
            FROM aktive a
            WHERE EXISTS (
                    SELECT 1 FROM {bevilling} b WHERE b.forloeb_id = a.id
                      AND b.start <= %(lukket_uge)s::date + 6 AND b.slut >= %(lukket_uge)s)
              AND EXISTS (
                    SELECT 1 FROM {tilknytning} t WHERE t.forloeb_id = a.id
                      AND t.fra <= %(lukket_uge)s::date + 6
                      AND (t.til IS NULL OR t.til >= %(lukket_uge)s))
              AND NOT EXISTS (
                    SELECT 1 FROM {ugereg} u
                    WHERE u.forloeb_id = a.id AND u.uge_start = %(lukket_uge)s)""",
        ret_url=("tidsregistrering:min_uge",),
    ),
    Regel(
        kode="LEVERING_AFVIGER",
        titel=_("Leverede timer afviger fra de bevilgede"),
        grundlag=_("STARs fokusrevision: kontakt svarende til de bevilgede timer"),
        rettelse=_(
            "Følg op på leveringen med mentoren, og ændr de bevilgede timer, hvis behovet "
            "har ændret sig."
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}, uger AS (
                SELECT d::date AS mandag FROM generate_series(
                    %(levering_start)s::date, %(lukket_uge)s::date, interval '7 days') d
            ), bevilget AS (
                SELECT a.id AS forloeb_id, sum(COALESCE((
                    SELECT t.timer_pr_uge FROM {timeaendring} t
                    WHERE t.bevilling_id = b.id AND t.gaelder_fra <= u.mandag
                    ORDER BY t.gaelder_fra DESC LIMIT 1), b.timer_pr_uge)) AS timer
                FROM aktive a CROSS JOIN uger u
                JOIN {bevilling} b ON b.forloeb_id = a.id
                 AND b.start <= u.mandag + 6 AND b.slut >= u.mandag
                WHERE a.foerste_start <= %(levering_start)s
                GROUP BY a.id
            ), leveret AS (
                SELECT u.forloeb_id, sum(u.minutter_i_alt) AS minutter FROM {ugereg} u
                WHERE u.uge_start BETWEEN %(levering_start)s AND %(lukket_uge)s
                GROUP BY u.forloeb_id
            )
            SELECT g.forloeb_id, %(levering_start)s::date AS siden
            FROM bevilget g LEFT JOIN leveret l ON l.forloeb_id = g.forloeb_id
            WHERE g.timer > 0 AND (
                COALESCE(l.minutter, 0) * 100 < g.timer * 60 * %(levering_min)s::int
                OR COALESCE(l.minutter, 0) * 100 > g.timer * 60 * %(levering_max)s::int)""",
        ret_url=("tidsregistrering:levering", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="OPFOELGNING_MANGLER",
        titel=_("Ingen opfølgning på leveringen"),
        grundlag=_("STARs fokusrevision: i en tredjedel af sagerne blev der ikke fulgt op"),
        rettelse=_(
            "Registrér en opfølgning: blev indsatsen leveret, og svarede kontakten til de "
            "bevilgede timer?"
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id,
                   COALESCE(max(o.dato), a.foerste_start) + %(opfoelgning_dage)s::int + 1
                       AS siden
            FROM aktive a
            LEFT JOIN {opfoelgning} o ON o.forloeb_id = a.id AND o.dato <= %(today)s
            GROUP BY a.id, a.foerste_start
            HAVING COALESCE(max(o.dato), a.foerste_start) + %(opfoelgning_dage)s::int
                   < %(today)s""",
        ret_url=("forloeb:forloeb_opfoelgning", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="STATUSRAPPORT_MANGLER",
        titel=_("Ingen statusrapport fra mentoren"),
        grundlag=_("Praksis (Hjørring): statusrapport ca. hver 6. uge"),
        rettelse=_("Skriv en statusrapport om forløbet."),
        ansvarlig=MENTOR,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id,
                   COALESCE(max(s.dato), a.foerste_start) + %(statusrapport_dage)s::int + 1
                       AS siden
            FROM aktive a
            LEFT JOIN {statusrapport} s ON s.forloeb_id = a.id AND s.dato <= %(today)s
            GROUP BY a.id, a.foerste_start
            HAVING COALESCE(max(s.dato), a.foerste_start) + %(statusrapport_dage)s::int
                   < %(today)s""",
        ret_url=("forloeb:mentor_forloeb", "forloeb:forloeb_detalje"),
    ),
    Regel(
        kode="AFSLUTNING_UFULDSTAENDIG",
        titel=_("Afslutning uden årsag eller slutvurderinger"),
        grundlag=_("Praksis: resultater skal kunne måles mod målet"),
        rettelse=_("Registrér årsagen til afslutningen og borgerens og mentorens vurdering."),
        ansvarlig=SAGSBEHANDLER,
        sql="""SELECT f.id AS forloeb_id,
                   COALESCE(x.dato, (SELECT max(b.slut) FROM {bevilling} b
                                     WHERE b.forloeb_id = f.id)) AS siden
            FROM {forloeb} f LEFT JOIN {afslutning} x ON x.forloeb_id = f.id
            WHERE f.status = 'afsluttet'
              AND (x.id IS NULL OR x.aarsag = ''
                   OR x.borger_vurdering IS NULL OR x.mentor_vurdering IS NULL)""",
        ret_url=("forloeb:forloeb_detalje",),
    ),
    Regel(
        kode="MENTOR_OVERBELASTET",
        titel=_("Mentoren har flere forløb end kapaciteten"),
        grundlag=_("Praksis (Hjørring): ca. 15 forløb pr. fuldtidsmentor"),
        rettelse=_(
            "Aftal med mentorkoordinatoren at flytte forløbet til en mentor med ledig kapacitet."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The courses assigned last, beyond the mentor's capacity, are the ones flagged.
        sql="""WITH {aktive}
            SELECT r.forloeb_id, r.fra AS siden FROM (
                SELECT a.id AS forloeb_id, t.fra,
                       LEAST(m.kapacitet, %(kapacitet)s::int) AS graense,
                       row_number() OVER (
                           PARTITION BY a.mentor_id ORDER BY t.fra NULLS FIRST, a.id) AS nr
                FROM aktive a
                JOIN {mentor} m ON m.id = a.mentor_id
                LEFT JOIN {tilknytning} t ON t.forloeb_id = a.id AND t.mentor_id = a.mentor_id
                     AND t.til IS NULL
            ) r WHERE r.nr > r.graense""",
        ret_url=("forloeb:forloeb_mentor", "forloeb:forloeb_detalje"),
    ),
]

REGLER: dict[str, Regel] = {regel.kode: regel for regel in _REGLER}
assert len(REGLER) == 14

# The STAR checklist (fokusrevision) and the rules that decide each point.
STAR_PUNKTER: dict[str, tuple] = {
    "formaal": (_("Formål"), ("FORMAAL_MANGLER",)),
    "opgaver": (_("Mentorens opgaver"), ("OPGAVER_MANGLER",)),
    "kvalifikationer": (_("Mentorens kvalifikationer"), ("KVALIFIKATIONER_MANGLER",)),
    "aftale": (_("Aftale udleveret"), ("AFTALE_MANGLER",)),
    "opfoelgning": (_("Opfølgning på levering"), ("OPFOELGNING_MANGLER",)),
    "kontakt": (_("Kontakt som bevilget"), ("INGEN_KONTAKT", "LEVERING_AFVIGER")),
}


def regel_choices():
    return [(kode, regel.titel) for kode, regel in REGLER.items()]
