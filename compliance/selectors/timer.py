"""Granted and delivered hours for sets of courses, from forloeb.timer's one definition
(its SQL twin forloeb.sql.SEGMENTER): a day is worth 1/7 of the weekly hours in force."""

# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

from core.db import laeseforbindelse
from forloeb import sql as forloeb_sql

from ..regler import tabeller

TO = Decimal("0.01")


def _segmenter(hvor: str) -> str:
    return forloeb_sql.SEGMENTER.format(hvor=hvor, **tabeller())


def timer_pr_uge(ids: list[int], mandage: list[dt.date]) -> list[tuple[dt.date, Decimal, Decimal]]:
    """Granted and delivered hours per week (Monday) for the courses `ids`."""
    t = tabeller()
    dagtimer = forloeb_sql.dagtimer("u.mandag", "u.mandag + 6")
    # The ids as one array bound to `= ANY`: the planner then reads the periods and weeks by
    # index (an `IN (SELECT ...)` of a CTE made it scan every period nationally).
    sql = f"""WITH {_segmenter("WHERE b.forloeb_id = ANY(%(ids)s::bigint[])")},
    uger AS (SELECT unnest(%(mandage)s::date[]) AS mandag),
    bev AS (
        SELECT u.mandag, sum({dagtimer}) / 7.0 AS timer
        FROM uger u JOIN segmenter s ON s.fra <= u.mandag + 6 AND s.til >= u.mandag
        GROUP BY u.mandag
    ), lev AS (
        SELECT r.uge_start AS mandag, sum(r.minutter_i_alt) / 60.0 AS timer
        FROM {t["ugereg"]} r
        WHERE r.forloeb_id = ANY(%(ids)s::bigint[]) AND r.uge_start = ANY(%(mandage)s::date[])
        GROUP BY r.uge_start
    )
    SELECT u.mandag, COALESCE(bev.timer, 0), COALESCE(lev.timer, 0)
    FROM uger u LEFT JOIN bev ON bev.mandag = u.mandag LEFT JOIN lev ON lev.mandag = u.mandag
    ORDER BY u.mandag"""
    with laeseforbindelse().cursor() as cursor:
        cursor.execute(sql, {"ids": list(ids), "mandage": list(mandage)})
        return [
            (m, Decimal(b).quantize(TO), Decimal(lv).quantize(TO)) for m, b, lv in cursor.fetchall()
        ]


def timer_pr_team_og_uge(mandage: list[dt.date]) -> dict[tuple[int, dt.date], tuple]:
    """Granted and delivered hours per team and week (all teams), for the snapshots."""
    t = tabeller()
    dagtimer = forloeb_sql.dagtimer("u.mandag", "u.mandag + 6")
    sql = f"""WITH {_segmenter("")},
    uger AS (SELECT unnest(%s::date[]) AS mandag),
    bev AS (
        SELECT f.team_id, u.mandag, sum({dagtimer}) / 7.0 AS timer
        FROM uger u JOIN segmenter s ON s.fra <= u.mandag + 6 AND s.til >= u.mandag
        JOIN {t["forloeb"]} f ON f.id = s.forloeb_id
        GROUP BY f.team_id, u.mandag
    ), lev AS (
        SELECT f.team_id, r.uge_start AS mandag, sum(r.minutter_i_alt) / 60.0 AS timer
        FROM {t["ugereg"]} r JOIN {t["forloeb"]} f ON f.id = r.forloeb_id
        WHERE r.uge_start = ANY(%s::date[]) GROUP BY f.team_id, r.uge_start
    )
    SELECT COALESCE(bev.team_id, lev.team_id), COALESCE(bev.mandag, lev.mandag),
           COALESCE(bev.timer, 0), COALESCE(lev.timer, 0)
    FROM bev FULL JOIN lev ON lev.team_id = bev.team_id AND lev.mandag = bev.mandag"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(mandage), list(mandage)])
        return {
            (team, mandag): (Decimal(bev).quantize(TO), Decimal(lev).quantize(TO))
            for team, mandag, bev, lev in cursor.fetchall()
        }


def timer_i_interval(ids: list[int], fra: dt.date, til: dt.date) -> tuple[Decimal, Decimal]:
    """Granted hours (by day) and delivered hours (by contact date) inside [fra, til] for
    the courses `ids`: "this month so far" on the dashboard."""
    t = tabeller()
    dagtimer = forloeb_sql.dagtimer("%(fra)s::date", "%(til)s::date")
    sql = f"""WITH {_segmenter("WHERE b.forloeb_id = ANY(%(ids)s)")}
    SELECT
      (SELECT COALESCE(sum({dagtimer}), 0) / 7.0 FROM segmenter s
       WHERE s.fra <= %(til)s::date AND s.til >= %(fra)s::date),
      (SELECT COALESCE(sum(k.minutter), 0) / 60.0 FROM {t["kontakt"]} k
       JOIN {t["ugereg"]} u ON u.id = k.registrering_id
       WHERE u.forloeb_id = ANY(%(ids)s) AND k.dato BETWEEN %(fra)s AND %(til)s
         -- A contact lies in its own week (the registration services refuse others), so
         -- only weeks touching the interval: read by index, not every contact by date.
         AND u.uge_start BETWEEN %(fra)s::date - 6 AND %(til)s)"""
    with laeseforbindelse().cursor() as cursor:
        cursor.execute(sql, {"ids": list(ids), "fra": fra, "til": til})
        bevilget, leveret = cursor.fetchone()
    return Decimal(bevilget).quantize(TO), Decimal(leveret).quantize(TO)
