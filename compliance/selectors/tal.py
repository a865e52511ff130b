"""Figures evaluated from the rules directly (not the flags), so a past week's figures can
be rebuilt: the weekly snapshots per team."""

# ruff: noqa: S608

from __future__ import annotations

import datetime as dt

from django.db import connection

from ..models import Regelindstillinger
from ..regler import REGLER, STAR_PUNKTER, aktive_cte, parametre, tabeller


def compliance_tal_pr_team(dag: dt.date) -> dict[int, dict]:
    """Per team on `dag`: active courses, compliant per STAR point, offending per rule."""
    params = parametre(dag, Regelindstillinger.hent())
    t = tabeller()
    resultat: dict[int, dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH {aktive_cte()}
            SELECT a.team_id, count(*) FROM aktive a GROUP BY a.team_id""",
            params,
        )
        for team_id, n in cursor.fetchall():
            resultat[team_id] = {"aktive": n, "opfyldt": {}, "brud": {}}
        for kode, regel in REGLER.items():
            cursor.execute(
                f"""SELECT f.team_id, count(DISTINCT r.forloeb_id) FROM ({regel.query()}) r
                JOIN {t["forloeb"]} f ON f.id = r.forloeb_id GROUP BY f.team_id""",
                params,
            )
            for team_id, n in cursor.fetchall():
                resultat.setdefault(team_id, {"aktive": 0, "opfyldt": {}, "brud": {}})
                resultat[team_id]["brud"][kode] = n
        for punkt, (_titel, regler) in STAR_PUNKTER.items():
            brud = " UNION ".join(
                f"SELECT forloeb_id FROM ({REGLER[k].query()}) r{i}" for i, k in enumerate(regler)
            )
            cursor.execute(
                f"""WITH {aktive_cte()}
                SELECT a.team_id, count(*) FROM aktive a
                WHERE a.id NOT IN ({brud}) GROUP BY a.team_id""",
                params,
            )
            for team_id, n in cursor.fetchall():
                resultat[team_id]["opfyldt"][punkt] = n
    return resultat
