"""Rules about delivery: contact, registration, delivered hours, follow-up, status reports."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forloeb import lov

from ._regel import MENTOR, SAGSBEHANDLER, Regel

REGLER = [
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
            ),
            -- Since the week after the last contact before the window, else the first
            -- week. Joined and grouped, not correlated: a correlated subquery over the
            -- materialised CTEs scanned every contact week once per flagged course.
            sidste AS (
                SELECT v.forloeb_id, max(kw.mandag) + 7 AS efter
                FROM vindue v
                JOIN kontaktuger kw ON kw.forloeb_id = v.forloeb_id AND kw.mandag < v.fra
                GROUP BY v.forloeb_id
            ),
            foerste AS (
                SELECT g.forloeb_id, min(g.mandag) AS start
                FROM uger g JOIN vindue v ON v.forloeb_id = g.forloeb_id
                GROUP BY g.forloeb_id
            )
            SELECT v.forloeb_id, COALESCE(s.efter, f.start) AS siden
            FROM vindue v
            LEFT JOIN sidste s ON s.forloeb_id = v.forloeb_id
            LEFT JOIN foerste f ON f.forloeb_id = v.forloeb_id""",
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
                -- Joined with the active set so that a restricted scan reads only its
                -- courses' weeks (the planner cannot size `dele`'s generated weeks).
                SELECT 1 FROM {ugereg} u JOIN aktive a ON a.id = u.forloeb_id
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
                -- Only the active set's weeks: a restricted scan reads its courses' rows.
                SELECT u.forloeb_id, sum(u.minutter_i_alt) AS minutter
                FROM {ugereg} u JOIN aktive a ON a.id = u.forloeb_id
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
]
