"""What other apps' SQL may read of the week registrations, declared in one place.

Compliance and the dashboard reach the tidsregistrering tables only through these table
names, these columns and these fragments. A test checks every declared column against
the models and every column the rule catalogue names against this list, so a rename
fails the suite instead of the nightly scan.
"""

from __future__ import annotations

from django.apps import apps

# table key -> (model label, columns other apps may name)
KOLONNER = {
    "ugereg": (
        "tidsregistrering.Ugeregistrering",
        {"id", "forloeb_id", "mentor_id", "aar", "uge", "uge_start", "minutter_i_alt", "godkendt"},
    ),
    "kontakt": (
        "tidsregistrering.Kontakt",
        {"id", "registrering_id", "dato", "minutter", "form"},
    ),
}


def tabeller() -> dict[str, str]:
    return {key: apps.get_model(label)._meta.db_table for key, (label, _c) in KOLONNER.items()}


# Each mentor's part of each week up to %(lukket_uge)s (a closed week's Monday), for the
# courses in `aktive`: weeks where her assignment, a granted period and the course's life
# (up to its end date) overlap. Twin: tidsregistrering.dele. Needs forloeb.sql.tabeller().
DELE = """dele AS (
    SELECT DISTINCT a.id AS forloeb_id, t.mentor_id, u.mandag::date AS mandag
    FROM aktive a
    JOIN {tilknytning} t ON t.forloeb_id = a.id
    JOIN {bevilling} b ON b.forloeb_id = a.id
    LEFT JOIN {afslutning} x ON x.forloeb_id = a.id
    CROSS JOIN LATERAL (
        SELECT GREATEST(t.fra, b.start) AS fra,
               LEAST(COALESCE(t.til, b.slut), b.slut, COALESCE(x.dato, b.slut),
                     %(lukket_uge)s::date + 6) AS til
    ) o
    CROSS JOIN LATERAL generate_series(
        date_trunc('week', o.fra::timestamp), o.til::timestamp, interval '7 days') u(mandag)
    WHERE o.fra <= o.til
)"""
