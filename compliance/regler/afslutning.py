"""Rules about the end of a course and the mentor's load."""

from django.utils.translation import gettext_lazy as _

from ._regel import SAGSBEHANDLER, Regel

REGLER = [
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
            WHERE f.status = 'afsluttet' AND (%(alle)s OR f.id = ANY(%(ids)s::bigint[]))
              AND (x.id IS NULL OR (x.aarsag <> 'annulleret' AND (x.aarsag = ''
                   OR x.borger_vurdering IS NULL OR x.mentor_vurdering IS NULL)))""",
    ),
    Regel(
        kode="RESULTAT_MANGLER",
        titel=_("Resultat efter 3, 6 eller 12 måneder er ikke registreret"),
        grundlag=_("Praksis: effekten skal kunne måles (opfølgning efter 3, 6 og 12 måneder)"),
        rettelse=_(
            "Undersøg borgerens situation, og registrér resultatet for den måned, der mangler "
            "(ordinært job, uddannelse, støttet job/fleksjob, stadig på ydelse eller andet)."
        ),
        ansvarlig=SAGSBEHANDLER,
        om_afsluttede=True,
        # A mark is the end date plus 3, 6 or 12 months (PostgreSQL, like relativedelta,
        # clamps 31 August + 6 months to 28/29 February); it is due `resultat_dage` days
        # after the mark and flagged from the day after. Cancelled drafts never had one.
        sql="""SELECT f.id AS forloeb_id,
                   min((x.dato + make_interval(months => m.maaned))::date
                       + %(resultat_dage)s::int + 1) AS siden
            FROM {forloeb} f
            JOIN {afslutning} x ON x.forloeb_id = f.id
            CROSS JOIN (VALUES (3), (6), (12)) AS m(maaned)
            WHERE f.status = 'afsluttet' AND x.aarsag <> 'annulleret'
              AND (%(alle)s OR f.id = ANY(%(ids)s::bigint[]))
              AND (x.dato + make_interval(months => m.maaned))::date
                  + %(resultat_dage)s::int < %(today)s
              AND NOT EXISTS (SELECT 1 FROM {resultat} r
                              WHERE r.forloeb_id = f.id AND r.maaned = m.maaned)
            GROUP BY f.id""",
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
                  -- A restricted scan ranks only the mentors of its courses (all of each
                  -- such mentor's courses, so the ranks are the full scan's).
                  AND (%(alle)s OR f.mentor_id IN (SELECT mentor_id FROM aktive))
            ) r
            WHERE r.nr > r.kapacitet AND r.forloeb_id IN (SELECT id FROM aktive)""",
    ),
]
