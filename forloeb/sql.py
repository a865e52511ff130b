"""The forløb app's answers in SQL, for the set-based readers (the rule scan, the dashboard,
snapshots). Each fragment has an ORM or Python twin next to the model it describes, and a
parity test runs both on one fixture (tests/forloeb/test_paritet.py):

- `AKTIVE`: courses active on a date          — `Forloeb.objects.aktive_paa(dato)`
- `SEGMENTER`: granted hours per day          — `forloeb.timer.timesegmenter()`
- `BELASTNING`: a mentor's open courses       — `Mentor.objects.med_belastning()`

Other apps read forloeb tables only through `tabeller()` and these fragments, so a rename
breaks a test here, not a scan at night. Values are always bound parameters; the format
fields are table names from the models' meta.
"""

from __future__ import annotations

from django.apps import apps


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def tabeller() -> dict[str, str]:
    """Table names for `str.format` in SQL text."""
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
        "resultat": _table("forloeb.Resultat"),
        "borger": _table("forloeb.Borger"),
    }


# Courses active on %(today)s: past the draft, a period has started, and not ended on or
# before the day (on its end date a course no longer counts as active). `foerste_start` is
# the first period's start. Twin: ForloebQuerySet.aktive_paa.
AKTIVE = """aktive AS (
    SELECT f.id, f.sagsbehandler_id, f.mentor_id, f.lovgrundlag, f.formaal, f.maal, f.opgaver,
           f.ud_over_normalt, f.team_id,
           (SELECT min(b.start) FROM {bevilling} b WHERE b.forloeb_id = f.id) AS foerste_start
    FROM {forloeb} f
    LEFT JOIN {afslutning} x ON x.forloeb_id = f.id
    WHERE (f.status = 'aktiv' OR (f.status = 'afsluttet' AND x.dato > %(today)s))
      AND EXISTS (SELECT 1 FROM {bevilling} b WHERE b.forloeb_id = f.id AND b.start <= %(today)s)
)"""


# Granted hours as segments of constant weekly hours: each period from its start, split at
# each recorded change of hours (a change on the period's first day replaces its hours).
# A day is worth 1/7 of the weekly hours in force that day. `{hvor}` may restrict the
# periods (e.g. "WHERE b.forloeb_id IN (SELECT id FROM aktive)"). Twin: forloeb.timer.
SEGMENTER = """segmenter AS (
    SELECT s.forloeb_id, s.fra, s.til, s.timer FROM (
        SELECT p.forloeb_id, p.fra, p.timer,
               COALESCE(lead(p.fra) OVER (PARTITION BY p.bevilling_id ORDER BY p.fra, p.kilde)
                        - 1, p.slut) AS til
        FROM (
            SELECT b.id AS bevilling_id, b.forloeb_id, b.start AS fra, b.slut,
                   b.timer_pr_uge AS timer, 0 AS kilde
            FROM {bevilling} b {hvor}
            UNION ALL
            SELECT b.id, b.forloeb_id, t.gaelder_fra, b.slut, t.timer_pr_uge, 1
            FROM {timeaendring} t JOIN {bevilling} b ON b.id = t.bevilling_id {hvor}
        ) p
    ) s WHERE s.til >= s.fra
)"""


def dagtimer(fra: str, til: str, s: str = "s") -> str:
    """SQL: granted hour-days of segment alias `s` inside [fra, til] (SQL date expressions);
    divide a sum of these by 7 for hours. Use with `s.fra <= til AND s.til >= fra`."""
    return f"((LEAST({s}.til, {til}) - GREATEST({s}.fra, {fra}) + 1) * {s}.timer)"


# A mentor's load: open courses (draft or active) where the mentor is the assigned mentor.
# Twin: MentorQuerySet.med_belastning.
BELASTNING = """belastning AS (
    SELECT f.mentor_id, count(*) AS antal FROM {forloeb} f
    WHERE f.mentor_id IS NOT NULL AND f.status IN ('kladde', 'aktiv')
    GROUP BY f.mentor_id
)"""
