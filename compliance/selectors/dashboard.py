"""Every figure of the team leader's dashboard, for the courses of a base queryset."""

# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef
from django.utils import timezone

from core.db import laeseforbindelse
from forloeb.models import Bevilling, Forloeb, Status
from tidsregistrering.uger import mandag as ugens_mandag
from tidsregistrering.uger import uge_tekst

from ..models import Advarsel, Regelindstillinger, UgeSnapshot
from ..regler import REGLER, STAR_PUNKTER, aktive_cte, tabeller
from .maal import (
    UDLOEBER_DAGE,
    VARIGHED_INTERVALLER,
    aabne_flag,
    overbelastede_mentorer,
    trepart_til_tiden,
    varighed_sql,
)
from .sql import id_array, positional, queryset_sql
from .timer import timer_i_interval, timer_pr_uge


@dataclass
class Filtre:
    team: int | None = None
    sagsbehandler: int | None = None
    mentor: int | None = None
    mentortype: str = ""
    ydelsesgruppe: str = ""
    fra: dt.date | None = None
    til: dt.date | None = None

    def anvend(self, qs):
        if self.team:
            qs = qs.filter(team_id=self.team)
        if self.sagsbehandler:
            qs = qs.filter(sagsbehandler_id=self.sagsbehandler)
        if self.mentor:
            qs = qs.filter(mentor_id=self.mentor)
        if self.mentortype:
            qs = qs.filter(mentor__type=self.mentortype)
        if self.ydelsesgruppe:
            qs = qs.filter(borger__ydelsesgruppe=self.ydelsesgruppe)
        if self.fra or self.til:
            perioder = Bevilling.objects.filter(forloeb=OuterRef("pk"))
            if self.fra:
                perioder = perioder.filter(slut__gte=self.fra)
            if self.til:
                perioder = perioder.filter(start__lte=self.til)
            qs = qs.filter(Exists(perioder))
        return qs


def _base_og_aktive(base, today: dt.date) -> tuple[list[int], list[int], int]:
    """The ids of `base`, those of them active on `today` (forloeb.sql.AKTIVE, computed for
    the base's courses only, not nationally), and how many active ones have their last
    period ending within UDLOEBER_DAGE (the "udloeber" figure, as its drill-down counts)."""
    t = tabeller()
    base_sql, base_params = queryset_sql(base.order_by())
    aktive_sql, aktive_params = positional(aktive_cte(), {"today": today})
    sql = f"""WITH base(id) AS MATERIALIZED ({base_sql}), {aktive_sql}
        SELECT b.id, a.id IS NOT NULL,
               CASE WHEN a.id IS NOT NULL THEN
                   (SELECT max(p.slut) FROM {t["bevilling"]} p WHERE p.forloeb_id = b.id) END
        FROM base b
        LEFT JOIN (SELECT id FROM aktive WHERE id IN (SELECT id FROM base)) a ON a.id = b.id"""
    with laeseforbindelse().cursor() as cursor:
        cursor.execute(sql, [*base_params, *aktive_params])
        rows = cursor.fetchall()
    graense = today + dt.timedelta(days=UDLOEBER_DAGE)
    udloeber = sum(1 for _pk, aktiv, slut in rows if aktiv and slut and today <= slut <= graense)
    return [pk for pk, _a, _s in rows], [pk for pk, aktiv, _s in rows if aktiv], udloeber


def _fordeling(aktive, felt: str, label: str, star_counts: dict) -> list[dict]:
    """Active courses and the share compliant on each STAR point, per team/caseworker/mentor
    (one grouped query)."""
    extra = (
        ["sagsbehandler__first_name", "sagsbehandler__last_name"]
        if felt == "sagsbehandler_id"
        else []
    )
    rows = (
        aktive.order_by()
        .values(felt, label, *extra)
        .annotate(antal=Count("pk"), **star_counts)
        .order_by(label)
    )
    result = []
    for row in rows:
        navn = " ".join(row[f] for f in extra if row[f]) or row[label] or "–"
        result.append(
            {
                "id": row[felt],
                "navn": navn,
                "aktive": row["antal"],
                "punkter": [
                    {
                        "punkt": p,
                        "andel": round(100 * row[f"star_{p}"] / row["antal"]),
                        "ikke": row["antal"] - row[f"star_{p}"],
                    }
                    for p in STAR_PUNKTER
                ],
            }
        )
    return result


def _varighed(today: dt.date, base_ids: list[int]) -> list[dict]:
    sql, params = varighed_sql(today, base_ids)
    cases = ", ".join(
        f"count(*) FILTER (WHERE v.dage BETWEEN {lo} AND {hi})"
        for _k, _l, lo, hi in VARIGHED_INTERVALLER
    )
    with laeseforbindelse().cursor() as cursor:
        cursor.execute(f"SELECT {cases} FROM ({sql}) v", params)
        antal = cursor.fetchone()
    return [
        {"kode": k, "label": label, "antal": n, "over_seks": lo > 182}
        for (k, label, lo, _hi), n in zip(VARIGHED_INTERVALLER, antal, strict=True)
    ]


def _trepart(aktive, today: dt.date) -> dict:
    """Start meetings held in time among active courses whose deadline has passed."""
    dage = Regelindstillinger.hent().trepartsmoede_uger * 7
    forfaldne = aktive.filter(
        Exists(
            Bevilling.objects.filter(
                forloeb=OuterRef("pk"), start__lt=today - dt.timedelta(days=dage)
            )
        )
    )
    tal = forfaldne.aggregate(
        i_alt=Count("pk"), til_tiden=Count("pk", filter=trepart_til_tiden(dage))
    )
    i_alt = tal["i_alt"]
    return {
        "i_alt": i_alt,
        "til_tiden": tal["til_tiden"],
        "andel": round(100 * tal["til_tiden"] / i_alt) if i_alt else None,
    }


def _trend(mandage: list[dt.date], team_ids) -> dict[dt.date, dict]:
    snapshots = UgeSnapshot.objects.filter(uge_start__gte=mandage[0])
    if team_ids is not None:
        snapshots = snapshots.filter(team_id__in=team_ids)
    trend: dict[dt.date, dict] = {}
    for snap in snapshots.order_by("uge_start"):
        row = trend.setdefault(snap.uge_start, {"aktive": 0, **{p: 0 for p in STAR_PUNKTER}})
        row["aktive"] += snap.aktive
        for p in STAR_PUNKTER:
            row[p] += snap.opfyldt.get(p, 0)
    return trend


def _label(mandag: dt.date) -> str:
    aar, uge, _d = mandag.isocalendar()
    return uge_tekst(aar, uge, med_aar=False)


def dashboard(base, today: dt.date | None = None, uger: int = 12, team_ids=None) -> dict:
    """Every figure of the team leader's dashboard for the courses in `base`."""
    today = today or timezone.localdate()
    # The base and its active courses as literal id lists, computed once in one query:
    # every figure below then starts from a known, small set instead of re-planning the
    # national active set per course (minutes at national size).
    base_ids, aktive_ids, udloeber = _base_og_aktive(base, today)
    base = Forloeb.objects.filter(pk__in=id_array(base_ids))
    aktive = Forloeb.objects.filter(pk__in=id_array(aktive_ids))
    star_counts = {
        f"star_{p}": Count("pk", filter=~aabne_flag(regler))
        for p, (_t, regler) in STAR_PUNKTER.items()
    }
    tal = aktive.aggregate(aktive=Count("pk"), **star_counts)
    n_aktive = tal["aktive"]
    fordeling = {
        navn: _fordeling(aktive, felt, label, star_counts)
        for navn, felt, label in (
            ("team", "team_id", "team__navn"),
            ("sagsbehandler", "sagsbehandler_id", "sagsbehandler__username"),
            ("mentor", "mentor_id", "mentor__navn"),
        )
    }
    star = [
        {
            "punkt": p,
            "titel": titel,
            "opfyldt": tal[f"star_{p}"],
            "ikke": n_aktive - tal[f"star_{p}"],
            "andel": round(100 * tal[f"star_{p}"] / n_aktive) if n_aktive else None,
        }
        for p, (titel, _r) in STAR_PUNKTER.items()
    ]
    pr_regel = {
        row["regel"]: row
        for row in Advarsel.objects.aabne()
        .filter(forloeb__in=base)
        .values("regel")
        .annotate(antal=Count("forloeb", distinct=True), aeldste=Min("siden"))
    }
    regler = [
        {
            "kode": kode,
            "titel": regel.titel,
            "antal": pr_regel.get(kode, {}).get("antal", 0),
            "aeldste_dage": (
                max(0, (today - pr_regel[kode]["aeldste"]).days)
                if pr_regel.get(kode, {}).get("aeldste")
                else None
            ),
        }
        for kode, regel in REGLER.items()
    ]
    mandage = [ugens_mandag(today) - dt.timedelta(weeks=i) for i in range(uger)][::-1]
    timer_rows = timer_pr_uge(base_ids, mandage)
    maaned_bevilget, maaned_leveret = timer_i_interval(base_ids, today.replace(day=1), today)
    overbelastede = (
        overbelastede_mentorer()
        .filter(pk__in=base.filter(status__in=[Status.KLADDE, Status.AKTIV]).values("mentor_id"))
        .count()
    )
    varighed = _varighed(today, base_ids)
    trend = _trend(mandage, team_ids)
    return {
        "aktive": n_aktive,
        "fordeling": fordeling,
        "star": star,
        "regler": regler,
        "aabne_i_alt": sum(r["antal"] for r in regler),
        "maaned_bevilget": maaned_bevilget,
        "maaned_leveret": maaned_leveret,
        "udloeber": udloeber,
        "overbelastede": overbelastede,
        "trepart": _trepart(aktive, today),
        "varighed": varighed,
        "timer_uger": [
            {"uge": _label(m), "mandag": m, "bevilget": b, "leveret": lv} for m, b, lv in timer_rows
        ],
        "chart": {
            "timer": {
                "uger": [_label(m) for m, _b, _l in timer_rows],
                "bevilget": [float(b) for _m, b, _l in timer_rows],
                "leveret": [float(lv) for _m, _b, lv in timer_rows],
            },
            "trend": {
                "uger": [_label(m) for m in trend],
                "serier": [
                    {
                        "punkt": p,
                        "titel": str(titel),
                        "andel": [
                            round(100 * r[p] / r["aktive"]) if r["aktive"] else None
                            for r in trend.values()
                        ],
                    }
                    for p, (titel, _r) in STAR_PUNKTER.items()
                ],
            },
            "varighed": {
                "labels": [v["label"] for v in varighed],
                "antal": [v["antal"] for v in varighed],
                "over_seks": [v["over_seks"] for v in varighed],
                "maal": [f"varighed_{v['kode']}" for v in varighed],
            },
        },
    }
