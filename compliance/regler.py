"""The rule catalogue (PRODUCT.md §6, docs/regler.md): one entry per rule, each with a
set-based query.

Each rule's `sql` returns the offending courses as rows of (forloeb_id, siden) — "since"
is the day the condition began. Rules read the domain only through the declared
fragments: `aktive` (forloeb.sql.AKTIVE: active on %(today)s), `segmenter` (granted
hours, forloeb.sql.SEGMENTER), `dele` (each mentor's part of each week,
tidsregistrering.sql.DELE) and the declared tables and columns. Thresholds come from
`Regelindstillinger` through `parametre()`. Adding a rule is one entry here, its section
in docs/regler.md and its tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forloeb import lov
from forloeb import sql as forloeb_sql
from tidsregistrering import sql as tid_sql

SAGSBEHANDLER = "sagsbehandler"
MENTOR = "mentor"


def tabeller() -> dict[str, str]:
    return {**forloeb_sql.tabeller(), **tid_sql.tabeller()}


def aktive_cte() -> str:
    return forloeb_sql.AKTIVE.format(**tabeller())


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
    # Rules about ended courses: their flags close as solved, not as "closed by the end".
    om_afsluttede: bool = False

    def query(self, aktive: str | None = None) -> str:
        """The rule's SELECT with table names and fragments filled in; params from
        `parametre()`. `aktive` replaces the active set's definition (the scan reads a set
        built once)."""
        t = tabeller()
        return self.sql.format(
            aktive=aktive or aktive_cte(),
            dele=tid_sql.DELE.format(**t),
            segmenter=forloeb_sql.SEGMENTER.format(
                hvor="WHERE b.forloeb_id IN (SELECT id FROM aktive)", **t
            ),
            dagtimer=forloeb_sql.dagtimer("%(levering_start)s::date", "%(lukket_uge)s::date + 6"),
            **t,
        )


def lukket_uge(today: dt.date, frist_ugedag: int) -> dt.date:
    """Monday of the most recent week whose registration deadline (e.g. Wednesday) has
    passed: on Thursday last week is closed, on Wednesday it is not yet."""
    mandag = today - dt.timedelta(days=today.isoweekday() - 1)
    if today.isoweekday() > frist_ugedag:
        return mandag - dt.timedelta(weeks=1)
    return mandag - dt.timedelta(weeks=2)


def parametre(today: dt.date, indstillinger) -> dict:
    """Query parameters for a scan on `today` with the administrator's thresholds."""
    lukket = lukket_uge(today, indstillinger.registrering_frist_ugedag)
    return {
        "today": today,
        "lukket_uge": lukket,
        "frist_dage": indstillinger.registrering_frist_ugedag,
        "aftale_dage": indstillinger.aftale_dage,
        "udloeber_dage": indstillinger.periode_udloeber_dage,
        "trepart_dage": indstillinger.trepartsmoede_uger * 7,
        "kontakt_uger": indstillinger.ingen_kontakt_uger,
        "kontakt_uger_rop": indstillinger.ingen_kontakt_uger_ret_og_pligt,
        "rop_former": list(indstillinger.ret_og_pligt_kontaktformer),
        "levering_start": lukket - dt.timedelta(weeks=indstillinger.levering_uger - 1),
        "levering_min": indstillinger.levering_min_pct,
        "levering_max": indstillinger.levering_max_pct,
        "opfoelgning_dage": indstillinger.opfoelgning_uger * 7,
        "statusrapport_dage": indstillinger.statusrapport_uger * 7,
    }


_REGLER = [
    Regel(
        kode="FORMAAL_MANGLER",
        titel=_("Formål og konkret mål mangler"),
        grundlag=format_lazy("{}; {}", lov.FORMAAL, _("STARs fokusrevision")),
        rettelse=_("Vælg formålet og beskriv det konkrete mål på forløbet."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start AS siden FROM aktive a
            WHERE a.formaal = '' OR btrim(a.maal) = ''""",
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
    ),
    Regel(
        kode="KVALIFIKATIONER_MANGLER",
        titel=_("Mentorens kvalifikationer er ikke dokumenteret"),
        grundlag=_("STARs fokusrevision"),
        rettelse=_(
            "Dokumentér, hvorfor den nuværende mentor er kvalificeret til opgaven: i bevillingen "
            "eller ved mentorskiftet."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The current period's assessment covers the mentor it was granted with; a mentor
        # who took over inside the period needs her own (Mentortilknytning.kvalifikationer).
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, GREATEST(b.start, t.fra) AS siden FROM aktive a
            JOIN LATERAL (
                SELECT b.start, b.kvalifikationer FROM {bevilling} b
                WHERE b.forloeb_id = a.id AND b.start <= %(today)s
                ORDER BY b.start DESC LIMIT 1
            ) b ON true
            JOIN {tilknytning} t ON t.forloeb_id = a.id AND t.til IS NULL
            WHERE CASE WHEN t.fra > b.start THEN btrim(t.kvalifikationer) = ''
                       ELSE btrim(b.kvalifikationer) = '' END""",
    ),
    Regel(
        kode="AFTALE_MANGLER",
        titel=_("Skriftlig aftale ikke udleveret"),
        grundlag=lov.AFTALE,
        rettelse=_(
            "Udlevér den nyeste version af mentoraftalen til borgeren, og registrér hvornår og "
            "hvordan."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The newest version of each period's agreement, due `aftale_dage` after the later
        # of the period's start and the version's date (a new version after a decision).
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, GREATEST(m.start, m.dato) + %(aftale_dage)s::int + 1
                   AS siden
            FROM aktive a
            JOIN {bevilling} b ON b.forloeb_id = a.id
            JOIN LATERAL (
                SELECT m.start, m.dato, m.udleveret FROM {aftale} m
                WHERE m.bevilling_id = b.id ORDER BY m.version DESC LIMIT 1
            ) m ON true
            WHERE m.udleveret IS NULL
              AND GREATEST(m.start, m.dato) + %(aftale_dage)s::int < %(today)s""",
    ),
    Regel(
        kode="PERIODE_UDLOEBER",
        titel=_("Perioden udløber uden beslutning"),
        grundlag=format_lazy(
            "{}: {}",
            lov.PERIODE,
            _("højst 6 måneder ad gangen, ny periode kræver konkret vurdering"),
        ),
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
    ),
    Regel(
        kode="PERIODE_OVERSKREDET",
        titel=_("Forløb eller tid uden for en bevilget periode"),
        grundlag=format_lazy("{}: {}", lov.PERIODE, _("støtte kun inden for en bevilget periode")),
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
    ),
    Regel(
        kode="PSYKIATRI_UNDER_SEKS_MAANEDER",
        titel=_("Retten til mindst 6 måneders mentorstøtte efter udskrivning"),
        grundlag=lov.PSYKIATRI,
        rettelse=_(
            "Borgeren har ret til mentorstøtte i mindst 6 måneder i alt: bevilg en ny periode, "
            "eller notér hvorfor forløbet slutter før (fx borgerens eget ønske)."
        ),
        ansvarlig=SAGSBEHANDLER,
        # Granted days in all, from the first start; flagged when the last period ends
        # within the warning days (or has ended) with fewer than 6 months granted.
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) - %(udloeber_dage)s::int AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            WHERE a.lovgrundlag = 'psykiatri'
            GROUP BY a.id, a.foerste_start
            HAVING max(b.slut) <= %(today)s + %(udloeber_dage)s::int
               AND sum(b.slut - b.start + 1)
                   < (a.foerste_start + interval '6 months')::date - a.foerste_start""",
    ),
    Regel(
        kode="TREPARTSMOEDE_MANGLER",
        titel=_("Intet trepartsmøde ved opstart"),
        grundlag=_("Praksis (Hjørring, Rambøll): opstartsmøde inden for de første uger"),
        rettelse=_("Hold og registrér opstartsmødet med borger, mentor og sagsbehandler."),
        ansvarlig=SAGSBEHANDLER,
        # A late meeting closes the flag; the dashboard shows how many were held in time.
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start + %(trepart_dage)s::int + 1 AS siden
            FROM aktive a
            WHERE a.foerste_start + %(trepart_dage)s::int < %(today)s
              AND NOT EXISTS (
                  SELECT 1 FROM {moede} m
                  WHERE m.forloeb_id = a.id AND m.type = 'opstart' AND m.dato <= %(today)s)""",
    ),
    Regel(
        kode="INGEN_KONTAKT",
        titel=_("Ingen kontakt mellem mentor og borger"),
        grundlag=format_lazy(
            "{}; {}", _("\u201dHvor er min mentor\u201d (DR 2018)"), lov.RET_OG_PLIGT
        ),
        rettelse=_(
            "Tag kontakt til borgeren og registrér kontakten; ved varigt fravær: tal med "
            "sagsbehandleren om forløbet."
        ),
        ansvarlig=MENTOR,
        # Only weeks someone could register count (a granted period and an assigned
        # mentor); the last N of them (N = 2, a setting; ret og pligt its own setting and
        # only the contact forms that count for it) had no contact.
        sql="""WITH {aktive}, {dele},
            uger AS (SELECT DISTINCT forloeb_id, mandag FROM dele),
            kontaktuger AS (
                SELECT DISTINCT u.forloeb_id, u.uge_start AS mandag
                FROM {ugereg} u
                JOIN {kontakt} k ON k.registrering_id = u.id
                JOIN aktive a ON a.id = u.forloeb_id
                WHERE a.lovgrundlag <> 'ret_og_pligt' OR k.form = ANY(%(rop_former)s::text[])
            ),
            nummer AS (
                SELECT g.forloeb_id, g.mandag, kw.mandag IS NOT NULL AS kontakt,
                       row_number() OVER (PARTITION BY g.forloeb_id ORDER BY g.mandag DESC) AS nr
                FROM uger g
                LEFT JOIN kontaktuger kw ON kw.forloeb_id = g.forloeb_id AND kw.mandag = g.mandag
            ),
            graense AS (
                SELECT a.id, CASE WHEN a.lovgrundlag = 'ret_og_pligt'
                                  THEN %(kontakt_uger_rop)s::int ELSE %(kontakt_uger)s::int END AS n
                FROM aktive a
            ),
            vindue AS (
                SELECT n.forloeb_id, min(n.mandag) AS fra
                FROM nummer n JOIN graense g ON g.id = n.forloeb_id
                WHERE n.nr <= g.n
                GROUP BY n.forloeb_id, g.n
                HAVING count(*) = g.n AND NOT bool_or(n.kontakt)
            )
            SELECT v.forloeb_id, COALESCE(
                (SELECT max(kw.mandag) + 7 FROM kontaktuger kw
                 WHERE kw.forloeb_id = v.forloeb_id AND kw.mandag < v.fra),
                (SELECT min(g.mandag) FROM uger g WHERE g.forloeb_id = v.forloeb_id)) AS siden
            FROM vindue v""",
    ),
    Regel(
        kode="REGISTRERING_MANGLER",
        titel=_("Ugen er ikke registreret"),
        grundlag=_("Opfølgning på levering: mentoren registrerer forrige uge senest onsdag"),
        rettelse=_("Registrér de manglende uger: kontakten, eller årsagen til at der ingen var."),
        ansvarlig=MENTOR,
        # Every past week of a granted period with an assigned mentor, each mentor's part:
        # the flag stays until all are registered, since the oldest one's deadline.
        sql="""WITH {aktive}, {dele}
            SELECT d.forloeb_id, min(d.mandag) + 7 + %(frist_dage)s::int AS siden
            FROM dele d
            WHERE NOT EXISTS (
                SELECT 1 FROM {ugereg} u
                WHERE u.forloeb_id = d.forloeb_id AND u.uge_start = d.mandag
                  AND u.mentor_id = d.mentor_id)
            GROUP BY d.forloeb_id""",
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
        # Granted hours by day (forloeb.timer: a day is 1/7 of the weekly hours in force),
        # so a mid-week renewal counts once and an hours change counts from its own day.
        sql="""WITH {aktive}, {segmenter},
            bevilget AS (
                SELECT a.id AS forloeb_id, sum({dagtimer}) AS dagtimer
                FROM aktive a JOIN segmenter s ON s.forloeb_id = a.id
                 AND s.fra <= %(lukket_uge)s::date + 6 AND s.til >= %(levering_start)s::date
                WHERE a.foerste_start <= %(levering_start)s
                GROUP BY a.id
            ), leveret AS (
                SELECT u.forloeb_id, sum(u.minutter_i_alt) AS minutter FROM {ugereg} u
                WHERE u.uge_start BETWEEN %(levering_start)s AND %(lukket_uge)s
                GROUP BY u.forloeb_id
            )
            SELECT g.forloeb_id, %(levering_start)s::date AS siden
            FROM bevilget g LEFT JOIN leveret l ON l.forloeb_id = g.forloeb_id
            WHERE g.dagtimer > 0 AND (
                COALESCE(l.minutter, 0) * 100 * 7 < g.dagtimer * 60 * %(levering_min)s::int
                OR COALESCE(l.minutter, 0) * 100 * 7 > g.dagtimer * 60 * %(levering_max)s::int)""",
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
    ),
    Regel(
        kode="STATUSRAPPORT_MANGLER",
        titel=_("Ingen statusrapport fra mentoren"),
        grundlag=_("Praksis (Hjørring): statusrapport ca. hver 6. uge"),
        rettelse=_("Skriv en statusrapport om forløbet."),
        ansvarlig=MENTOR,
        # Counted from the last report, the first period's start, or the day the current
        # mentor took over — whichever is latest.
        sql="""WITH {aktive}, grundlag AS (
                SELECT a.id, GREATEST(
                    a.foerste_start,
                    (SELECT max(s.dato) FROM {statusrapport} s
                     WHERE s.forloeb_id = a.id AND s.dato <= %(today)s),
                    (SELECT t.fra FROM {tilknytning} t
                     WHERE t.forloeb_id = a.id AND t.til IS NULL)) AS fra
                FROM aktive a
            )
            SELECT g.id AS forloeb_id, g.fra + %(statusrapport_dage)s::int + 1 AS siden
            FROM grundlag g WHERE g.fra + %(statusrapport_dage)s::int < %(today)s""",
    ),
    Regel(
        kode="AFSLUTNING_UFULDSTAENDIG",
        titel=_("Afslutning uden årsag eller slutvurderinger"),
        grundlag=_("Praksis: resultater skal kunne måles mod målet"),
        rettelse=_(
            "Fuldfør afslutningen: årsagen og borgerens og mentorens vurdering af, hvor tæt "
            "målet er."
        ),
        ansvarlig=SAGSBEHANDLER,
        om_afsluttede=True,
        sql="""SELECT f.id AS forloeb_id,
                   COALESCE(x.dato, (SELECT max(b.slut) FROM {bevilling} b
                                     WHERE b.forloeb_id = f.id)) AS siden
            FROM {forloeb} f LEFT JOIN {afslutning} x ON x.forloeb_id = f.id
            WHERE f.status = 'afsluttet'
              AND (x.id IS NULL OR (x.aarsag <> 'annulleret' AND (x.aarsag = ''
                   OR x.borger_vurdering IS NULL OR x.mentor_vurdering IS NULL)))""",
    ),
    Regel(
        kode="MENTOR_OVERBELASTET",
        titel=_("Mentoren har flere forløb end kapaciteten"),
        grundlag=_("Praksis (Hjørring): ca. 15 forløb pr. fuldtidsmentor"),
        rettelse=_(
            "Aftal med mentorkoordinatoren at flytte forløbet til en mentor med ledig kapacitet."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The mentor's load is her open courses (forloeb.sql.BELASTNING); ranked by when
        # she took them on, the active ones beyond her capacity are flagged.
        sql="""WITH {aktive}
            SELECT r.forloeb_id, LEAST(r.fra, %(today)s) AS siden FROM (
                SELECT f.id AS forloeb_id, t.fra, m.kapacitet,
                       row_number() OVER (
                           PARTITION BY f.mentor_id ORDER BY t.fra NULLS FIRST, f.id) AS nr
                FROM {forloeb} f
                JOIN {mentor} m ON m.id = f.mentor_id
                LEFT JOIN {tilknytning} t ON t.forloeb_id = f.id AND t.mentor_id = f.mentor_id
                     AND t.til IS NULL
                WHERE f.status IN ('kladde', 'aktiv')
            ) r
            WHERE r.nr > r.kapacitet AND r.forloeb_id IN (SELECT id FROM aktive)""",
    ),
]

REGLER: dict[str, Regel] = {regel.kode: regel for regel in _REGLER}

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
