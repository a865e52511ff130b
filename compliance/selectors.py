"""Reads of the compliance app, scoped with organisation.permissions and set-based."""

# SQL text here is assembled only from constants (table names from model meta, the rule
# catalogue, fixed bucket bounds); every value is a bound parameter.
# ruff: noqa: S608, S611

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forloeb.models import Bevilling, Forloeb, Mentor, Status
from organisation import permissions
from organisation.models import Rolle, User

from .models import Advarsel, Regelindstillinger, Stikproeve, UgeSnapshot
from .regler import AKTIVE, REGLER, STAR_PUNKTER, _tables, parametre

_NAMED = re.compile(r"%\((\w+)\)s")


def positional(sql: str, params: dict) -> tuple[str, list]:
    """Turn a %(name)s query into a %s one, so it can be embedded in an ORM query."""
    order: list = []

    def repl(match):
        order.append(params[match.group(1)])
        return "%s"

    return _NAMED.sub(repl, sql), order


def _aktive_sql(today: dt.date) -> tuple[str, list]:
    sql = "WITH " + AKTIVE.format(**_tables()) + " SELECT id FROM aktive"
    return positional(sql, {"today": today})


def queryset_sql(qs) -> tuple[str, tuple]:
    """The SQL of a queryset of ids, also for an empty one (`.none()`)."""
    try:
        return qs.values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT NULL::bigint AS id WHERE false", ()


def aktive_forloeb_ids(today: dt.date) -> RawSQL:
    """Courses active on `today`, the same set every rule starts from (for pk__in=)."""
    return RawSQL(*_aktive_sql(today))


def _base_og_aktive(base, today: dt.date) -> tuple[list[int], list[int], int]:
    """The ids of `base`, those of them active on `today` (the rules' set, computed for the
    base's courses only, not nationally), and how many active ones have their last period
    ending within UDLOEBER_DAGE (the "udloeber" figure, as forloeb_bag counts it)."""
    t = _tables()
    base_sql, base_params = queryset_sql(base.order_by())
    aktive_sql, aktive_params = positional(AKTIVE.format(**t), {"today": today})
    sql = f"""WITH base(id) AS MATERIALIZED ({base_sql}), {aktive_sql}
        SELECT b.id, a.id IS NOT NULL,
               CASE WHEN a.id IS NOT NULL THEN
                   (SELECT max(p.slut) FROM {t["bevilling"]} p WHERE p.forloeb_id = b.id) END
        FROM base b
        LEFT JOIN (SELECT id FROM aktive WHERE id IN (SELECT id FROM base)) a ON a.id = b.id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [*base_params, *aktive_params])
        rows = cursor.fetchall()
    graense = today + dt.timedelta(days=UDLOEBER_DAGE)
    udloeber = sum(1 for _pk, aktiv, slut in rows if aktiv and slut and today <= slut <= graense)
    return [pk for pk, _a, _s in rows], [pk for pk, aktiv, _s in rows if aktiv], udloeber


def _id_array(ids: list[int]) -> RawSQL:
    """A literal id list as one array parameter (for pk__in=): Django then binds one value
    instead of thousands in every query that uses it."""
    return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])


def regel_forloeb_ids(kode: str, today: dt.date) -> RawSQL:
    """The courses breaking one rule on `today`, computed from the data (not the flags)."""
    params = parametre(today, Regelindstillinger.hent())
    sql, values = positional(REGLER[kode].query(), params)
    return RawSQL(f"SELECT r.forloeb_id FROM ({sql}) r", values)


# --- Scopes ------------------------------------------------------------------------------


def leders_forloeb(user: User):
    """Courses of the teams the user leads (the dashboard's world)."""
    if not permissions.has_role(user, Rolle.TEAMLEDER):
        return Forloeb.objects.none()
    # forloeb_q narrowed to the led teams is exactly the organisation and those teams.
    if not user.organisation_id:
        return Forloeb.objects.none()
    teams = permissions.ledede_team_ids(user)
    return Forloeb.objects.filter(organisation_id=user.organisation_id, team_id__in=teams)


def leders_stikproever(user: User):
    if not permissions.has_role(user, Rolle.TEAMLEDER):
        return Stikproeve.objects.none()
    return Stikproeve.objects.filter(organisation_id=user.organisation_id).filter(
        Q(team__in=user.ledede_teams.values("pk")) | Q(team__isnull=True, oprettet_af=user)
    )


def mine_advarsler(user: User):
    """The user's open flags, oldest first, for "Mine advarsler"."""
    if not (user.is_authenticated and user.organisation_id):
        return Advarsel.objects.none()
    return (
        Advarsel.objects.aabne()
        .filter(ansvarlig=user, forloeb__organisation_id=user.organisation_id)
        .select_related("forloeb")
        .order_by("first_seen", "id")
    )


def forloeb_advarsler(forloeb: Forloeb):
    return Advarsel.objects.aabne().filter(forloeb=forloeb).order_by("first_seen", "id")


def star_fund(forloeb_ids: list[int]) -> dict[int, dict[str, bool]]:
    """Per course and STAR point: True when no open flag of the point's rules exists."""
    aabne: dict[int, set[str]] = {pk: set() for pk in forloeb_ids}
    for pk, regel in (
        Advarsel.objects.aabne()
        .filter(forloeb_id__in=forloeb_ids)
        .values_list("forloeb_id", "regel")
    ):
        aabne[pk].add(regel)
    return {
        pk: {punkt: not (set(regler) & aabne[pk]) for punkt, (_t, regler) in STAR_PUNKTER.items()}
        for pk in forloeb_ids
    }


# --- Figures computed from the rules (snapshots) -------------------------------------------


def compliance_tal_pr_team(dag: dt.date) -> dict[int, dict]:
    """Per team on `dag`: active courses, compliant per STAR point, offending per rule.
    Evaluated from the rules directly, so the figures for a past week can be rebuilt."""
    params = parametre(dag, Regelindstillinger.hent())
    t = _tables()
    resultat: dict[int, dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH {AKTIVE.format(**t)}
            SELECT f.team_id, count(*) FROM aktive a JOIN {t["forloeb"]} f ON f.id = a.id
            GROUP BY f.team_id""",
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
                f"""WITH {AKTIVE.format(**t)}
                SELECT f.team_id, count(*) FROM aktive a JOIN {t["forloeb"]} f ON f.id = a.id
                WHERE a.id NOT IN ({brud}) GROUP BY f.team_id""",
                params,
            )
            for team_id, n in cursor.fetchall():
                resultat[team_id]["opfyldt"][punkt] = n
    return resultat


BEVILGET_TIMER = """COALESCE((
    SELECT t.timer_pr_uge FROM {timeaendring} t
    WHERE t.bevilling_id = b.id AND t.gaelder_fra <= u.mandag
    ORDER BY t.gaelder_fra DESC LIMIT 1), b.timer_pr_uge)"""


def timer_pr_team_og_uge(mandage: list[dt.date]) -> dict[tuple[int, dt.date], tuple]:
    """Granted and delivered hours per team and week (all teams)."""
    t = _tables()
    sql = f"""WITH uger AS (SELECT unnest(%s::date[]) AS mandag),
    bev AS (
        SELECT f.team_id, u.mandag, sum({BEVILGET_TIMER.format(**t)}) AS timer
        FROM uger u JOIN {t["bevilling"]} b ON b.start <= u.mandag + 6 AND b.slut >= u.mandag
        JOIN {t["forloeb"]} f ON f.id = b.forloeb_id
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
            (team, mandag): (
                Decimal(bev).quantize(Decimal("0.01")),
                Decimal(lev).quantize(Decimal("0.01")),
            )
            for team, mandag, bev, lev in cursor.fetchall()
        }


def timer_pr_uge(forloeb_qs, mandage: list[dt.date]) -> list[tuple[dt.date, Decimal, Decimal]]:
    """Granted and delivered hours per week for a set of courses (a queryset)."""
    t = _tables()
    base_sql, base_params = queryset_sql(forloeb_qs)
    sql = f"""WITH base(id) AS MATERIALIZED ({base_sql}),
    uger AS (SELECT unnest(%s::date[]) AS mandag),
    bev AS (
        SELECT u.mandag, sum({BEVILGET_TIMER.format(**t)}) AS timer
        FROM base JOIN {t["bevilling"]} b ON b.forloeb_id = base.id
        JOIN uger u ON b.start <= u.mandag + 6 AND b.slut >= u.mandag
        GROUP BY u.mandag
    ), lev AS (
        SELECT r.uge_start AS mandag, sum(r.minutter_i_alt) / 60.0 AS timer
        FROM base JOIN {t["ugereg"]} r ON r.forloeb_id = base.id
        WHERE r.uge_start = ANY(%s::date[])
        GROUP BY r.uge_start
    )
    SELECT u.mandag, COALESCE(bev.timer, 0), COALESCE(lev.timer, 0)
    FROM uger u LEFT JOIN bev ON bev.mandag = u.mandag LEFT JOIN lev ON lev.mandag = u.mandag
    ORDER BY u.mandag"""
    params = [*base_params, list(mandage), list(mandage)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (m, Decimal(b).quantize(Decimal("0.01")), Decimal(lv).quantize(Decimal("0.01")))
            for m, b, lv in cursor.fetchall()
        ]


# --- The team leader's dashboard ---------------------------------------------------------

VARIGHED_INTERVALLER = [
    # (code, label, from day, to day) — PRODUCT.md §8 buckets; 6 months ≈ 182 days.
    ("0_30", "≤ 30", 0, 30),
    ("31_60", "31–60", 31, 60),
    ("61_90", "61–90", 61, 90),
    ("91_120", "91–120", 91, 120),
    ("121_182", "121–182", 121, 182),
    ("183_210", "183–210", 183, 210),
    ("211_360", "211–360", 211, 360),
    ("361", "> 360", 361, 100000),
]
UDLOEBER_DAGE = 30


def varighed_sql(today: dt.date, ids: list[int] | None = None) -> tuple[str, list]:
    """(forloeb_id, dage): days from the first period's start to the end (or today);
    only for the courses `ids` when given (instead of computing every course)."""
    t = _tables()
    if ids is not None:
        # Per course through the period index: for a leader's few thousand courses this
        # beats hashing all national periods (same rows as below).
        sql = f"""SELECT f.id AS forloeb_id,
            COALESCE(x.dato, LEAST(%(today)s::date, b.sidste)) - b.foerste + 1 AS dage
            FROM {t["forloeb"]} f
            CROSS JOIN LATERAL (
                SELECT min(p.start) AS foerste, max(p.slut) AS sidste FROM {t["bevilling"]} p
                WHERE p.forloeb_id = f.id AND p.start <= %(today)s::date) b
            LEFT JOIN {t["afslutning"]} x ON x.forloeb_id = f.id
            WHERE f.id = ANY(%(ids)s) AND f.status <> 'kladde' AND b.foerste IS NOT NULL"""
        return positional(sql, {"today": today, "ids": list(ids)})
    sql = f"""SELECT f.id AS forloeb_id,
        COALESCE(x.dato, LEAST(%(today)s::date, max(b.slut))) - min(b.start) + 1 AS dage
        FROM {t["forloeb"]} f JOIN {t["bevilling"]} b ON b.forloeb_id = f.id
        LEFT JOIN {t["afslutning"]} x ON x.forloeb_id = f.id
        WHERE f.status <> 'kladde' AND b.start <= %(today)s::date
        GROUP BY f.id, x.dato"""
    return positional(sql, {"today": today})


def maanedens_mandage(today: dt.date) -> list[dt.date]:
    """Mondays of the weeks that start in today's month, up to this week."""
    first = today.replace(day=1)
    mandag = first + dt.timedelta(days=(7 - first.isoweekday() + 1) % 7)
    result = []
    while mandag <= today:
        result.append(mandag)
        mandag += dt.timedelta(weeks=1)
    return result


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


def _aabne(regler) -> Exists:
    return Exists(Advarsel.objects.aabne().filter(forloeb=OuterRef("pk"), regel__in=regler))


def _overbelastede_mentorer():
    loft = Regelindstillinger.hent().mentor_kapacitet
    return Mentor.objects.med_belastning().filter(
        Q(antal_aktive_forloeb__gt=loft) | Q(antal_aktive_forloeb__gt=F("kapacitet"))
    )


def forloeb_bag(base, maal: str, today: dt.date | None = None):
    """The courses behind one dashboard number (`maal`), within `base`. None if unknown."""
    today = today or timezone.localdate()
    aktive = base.filter(pk__in=aktive_forloeb_ids(today))
    if maal in ("", "alle"):
        return base
    if maal == "aktive":
        return aktive
    if maal.startswith(("star_", "ikke_")):
        punkt = maal[5:]
        if punkt not in STAR_PUNKTER:
            return None
        brud = _aabne(STAR_PUNKTER[punkt][1])
        return aktive.filter(~brud) if maal.startswith("star_") else aktive.filter(brud)
    if maal.startswith("regel_"):
        kode = maal[6:]
        if kode not in REGLER:
            return None
        return base.filter(_aabne([kode]))
    if maal == "timer_maaned":
        mandage = maanedens_mandage(today)
        if not mandage:
            return base.none()
        q = Q()
        for m in mandage:
            q |= Q(start__lte=m + dt.timedelta(days=6), slut__gte=m)
        return base.filter(Exists(Bevilling.objects.filter(q, forloeb=OuterRef("pk"))))
    if maal == "udloeber":
        return aktive.annotate(sidste_slut=_sidste_slut()).filter(
            sidste_slut__gte=today, sidste_slut__lte=today + dt.timedelta(days=UDLOEBER_DAGE)
        )
    if maal == "overbelastet":
        return base.filter(status=Status.AKTIV, mentor__in=_overbelastede_mentorer().values("pk"))
    if maal.startswith("varighed_"):
        kode = maal[9:]
        for k, _label, lo, hi in VARIGHED_INTERVALLER:
            if k == kode:
                sql, params = varighed_sql(today)
                ids = RawSQL(
                    f"SELECT v.forloeb_id FROM ({sql}) v WHERE v.dage BETWEEN %s AND %s",
                    [*params, lo, hi],
                )
                return base.filter(pk__in=ids)
        return None
    return None


def _sidste_slut():
    from django.db.models import Max, Subquery

    return Subquery(
        Bevilling.objects.filter(forloeb=OuterRef("pk"))
        .values("forloeb")
        .annotate(m=Max("slut"))
        .values("m")[:1]
    )


def maal_titel(maal: str) -> str:
    if maal == "aktive":
        return str(_("Aktive forløb"))
    if maal.startswith("star_") and maal[5:] in STAR_PUNKTER:
        return str(_("Opfylder: %(p)s") % {"p": STAR_PUNKTER[maal[5:]][0]})
    if maal.startswith("ikke_") and maal[5:] in STAR_PUNKTER:
        return str(_("Opfylder ikke: %(p)s") % {"p": STAR_PUNKTER[maal[5:]][0]})
    if maal.startswith("regel_") and maal[6:] in REGLER:
        return str(_("Åben advarsel: %(r)s") % {"r": REGLER[maal[6:]].titel})
    if maal == "timer_maaned":
        return str(_("Forløb med bevilgede timer i denne måned"))
    if maal == "udloeber":
        return str(_("Perioder der udløber inden for %(d)s dage") % {"d": UDLOEBER_DAGE})
    if maal == "overbelastet":
        return str(_("Forløb hos mentorer over kapacitet"))
    if maal.startswith("varighed_"):
        for k, label, _lo, _hi in VARIGHED_INTERVALLER:
            if maal == f"varighed_{k}":
                return str(_("Varighed %(v)s dage") % {"v": label})
    return str(_("Alle forløb"))


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


def dashboard(base, today: dt.date | None = None, uger: int = 12, team_ids=None) -> dict:
    """Every figure of the team leader's dashboard for the courses in `base`."""
    today = today or timezone.localdate()
    # The base and its active courses as literal id lists, computed once in one query:
    # every figure below then starts from a known, small set instead of re-planning the
    # national active set per course (minutes at national size).
    base_ids, aktive_ids, udloeber = _base_og_aktive(base, today)
    base = Forloeb.objects.filter(pk__in=_id_array(base_ids))
    aktive = Forloeb.objects.filter(pk__in=_id_array(aktive_ids))
    star_counts = {
        f"star_{p}": Count("pk", filter=~_aabne(regler)) for p, (_t, regler) in STAR_PUNKTER.items()
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
        .annotate(antal=Count("forloeb", distinct=True), aeldste=Min("first_seen"))
    }
    now = timezone.now()
    regler = [
        {
            "kode": kode,
            "titel": regel.titel,
            "antal": pr_regel.get(kode, {}).get("antal", 0),
            "aeldste_dage": (now - pr_regel[kode]["aeldste"]).days if kode in pr_regel else None,
        }
        for kode, regel in REGLER.items()
    ]
    mandage = [today - dt.timedelta(days=today.isoweekday() - 1 + 7 * i) for i in range(uger)][::-1]
    maaned = set(maanedens_mandage(today))
    alle_mandage = sorted(set(mandage) | maaned)
    timer_rows = timer_pr_uge(base, alle_mandage)
    maaned_bevilget = sum((b for m, b, _l in timer_rows if m in maaned), Decimal(0))
    maaned_leveret = sum((lv for m, _b, lv in timer_rows if m in maaned), Decimal(0))
    overbelastede = (
        _overbelastede_mentorer()
        .filter(pk__in=base.filter(status=Status.AKTIV).values("mentor_id"))
        .count()
    )
    varighed_sql_, varighed_params = varighed_sql(today, base_ids)
    cases = ", ".join(
        f"count(*) FILTER (WHERE v.dage BETWEEN {lo} AND {hi})"
        for _k, _l, lo, hi in VARIGHED_INTERVALLER
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cases} FROM ({varighed_sql_}) v", varighed_params)
        varighed_tal = cursor.fetchone()
    varighed = [
        {"kode": k, "label": label, "antal": n, "over_seks": lo > 182}
        for (k, label, lo, _hi), n in zip(VARIGHED_INTERVALLER, varighed_tal, strict=True)
    ]
    snapshots = UgeSnapshot.objects.filter(uge_start__gte=mandage[0])
    if team_ids is not None:
        snapshots = snapshots.filter(team_id__in=team_ids)
    trend: dict[dt.date, dict] = {}
    for snap in snapshots.order_by("uge_start"):
        row = trend.setdefault(snap.uge_start, {"aktive": 0, **{p: 0 for p in STAR_PUNKTER}})
        row["aktive"] += snap.aktive
        for p in STAR_PUNKTER:
            row[p] += snap.opfyldt.get(p, 0)
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
        "varighed": varighed,
        "chart": {
            "timer": {
                "uger": [f"{m:%G-W%V}" for m, _b, _l in timer_rows if m in set(mandage)],
                "bevilget": [float(b) for m, b, _l in timer_rows if m in set(mandage)],
                "leveret": [float(lv) for m, _b, lv in timer_rows if m in set(mandage)],
            },
            "trend": {
                "uger": [f"{m:%G-W%V}" for m in trend],
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
