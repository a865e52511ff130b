"""The courses behind each dashboard number: one registry of measures (`maal`), each with
its title and its selection, so the tiles, the drill-down lists and the exports agree."""

# ruff: noqa: S608, S611

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, F, Max, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import Bevilling, Forloeb, Mentor, Moede, Moedetype, Status

from ..models import Advarsel
from ..regler import REGLER, STAR_PUNKTER, aktive_cte, tabeller
from .sql import positional, queryset_sql

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


def varighed_sql(today: dt.date, ids: list[int]) -> tuple[str, list]:
    """(forloeb_id, dage): days from the first period's start to the end (or today), for
    the courses `ids`, per course through the period index."""
    t = tabeller()
    sql = f"""SELECT f.id AS forloeb_id,
        COALESCE(x.dato, LEAST(%(today)s::date, b.sidste)) - b.foerste + 1 AS dage
        FROM {t["forloeb"]} f
        CROSS JOIN LATERAL (
            SELECT min(p.start) AS foerste, max(p.slut) AS sidste FROM {t["bevilling"]} p
            WHERE p.forloeb_id = f.id AND p.start <= %(today)s::date) b
        LEFT JOIN {t["afslutning"]} x ON x.forloeb_id = f.id
        WHERE f.id = ANY(%(ids)s) AND f.status <> 'kladde' AND b.foerste IS NOT NULL"""
    return positional(sql, {"today": today, "ids": list(ids)})


def aabne_flag(regler) -> Exists:
    return Exists(Advarsel.objects.aabne().filter(forloeb=OuterRef("pk"), regel__in=regler))


def overbelastede_mentorer():
    """Mentors whose load (open courses) is above their capacity."""
    return Mentor.objects.med_belastning().filter(belastning__gt=F("kapacitet"))


def _overbelastet(base, aktive, today):
    """The dashboard's "Mentorer over kapacitet" (selectors/dashboard.py), as courses."""
    aabne = base.filter(status__in=[Status.KLADDE, Status.AKTIV])
    # Only the base's own mentors are ranked: the whole national roster took 3–21 s.
    mentorer = overbelastede_mentorer().filter(pk__in=aabne.values("mentor_id"))
    return aabne.filter(mentor__in=mentorer.values("pk"))


def sidste_slut():
    return Subquery(
        Bevilling.objects.filter(forloeb=OuterRef("pk"))
        .values("forloeb")
        .annotate(m=Max("slut"))
        .values("m")[:1]
    )


def trepart_til_tiden(dage: int):
    """A start meeting within `dage` of the first period's start."""
    foerste = Subquery(
        Bevilling.objects.filter(forloeb=OuterRef("forloeb")).order_by("start").values("start")[:1]
    )
    return Exists(
        Moede.objects.filter(forloeb=OuterRef("pk"), type=Moedetype.OPSTART)
        .annotate(foerste=foerste)
        .filter(dato__lte=F("foerste") + dt.timedelta(days=dage))
    )


@dataclass(frozen=True)
class Maal:
    titel: str
    # (base, active courses of the base, today) -> the courses behind the number
    udvaelg: Callable


def _varighed(lo: int, hi: int):
    def udvaelg(base, aktive, today):
        sql, params = varighed_sql(today, list(base.values_list("pk", flat=True)))
        ids = RawSQL(
            f"SELECT v.forloeb_id FROM ({sql}) v WHERE v.dage BETWEEN %s AND %s",
            [*params, lo, hi],
        )
        # The ids are the base's already: filtering the base again made the planner join
        # the whole selection twice (0.9-1.6 s at national size).
        return Forloeb.objects.filter(pk__in=ids)

    return udvaelg


def _udloeber(base, aktive, today):
    return aktive.annotate(sidste_slut=sidste_slut()).filter(
        sidste_slut__gte=today, sidste_slut__lte=today + dt.timedelta(days=UDLOEBER_DAGE)
    )


def _timer_maaned(base, aktive, today):
    foerste = today.replace(day=1)
    return base.filter(
        Exists(
            Bevilling.objects.filter(forloeb=OuterRef("pk"), start__lte=today, slut__gte=foerste)
        )
    )


def _trepart_sent(base, aktive, today):
    from ..models import Regelindstillinger

    dage = Regelindstillinger.hent().trepartsmoede_uger * 7
    frist = Bevilling.objects.filter(
        forloeb=OuterRef("pk"), start__lt=today - dt.timedelta(days=dage)
    )
    return aktive.filter(Exists(frist)).exclude(trepart_til_tiden(dage))


def find(maal: str) -> Maal | None:
    """The measure named `maal`, or None for an unknown name (the view answers 404)."""
    faste = {
        "": Maal(_("Alle forløb"), lambda base, aktive, today: base),
        "alle": Maal(_("Alle forløb"), lambda base, aktive, today: base),
        "aktive": Maal(_("Aktive forløb"), lambda base, aktive, today: aktive),
        "timer_maaned": Maal(_("Forløb med bevilgede timer i denne måned"), _timer_maaned),
        "udloeber": Maal(
            _("Perioder der udløber inden for %(d)s dage") % {"d": UDLOEBER_DAGE}, _udloeber
        ),
        "overbelastet": Maal(_("Forløb hos mentorer over kapacitet"), _overbelastet),
        "trepart_sent": Maal(_("Trepartsmøde ikke holdt til tiden"), _trepart_sent),
    }
    if maal in faste:
        return faste[maal]
    prefix, _sep, kode = maal.partition("_")
    if prefix in ("star", "ikke") and kode in STAR_PUNKTER:
        titel, regler = STAR_PUNKTER[kode]
        if prefix == "star":
            return Maal(
                _("Opfylder: %(p)s") % {"p": titel},
                lambda base, aktive, today: aktive.filter(~aabne_flag(regler)),
            )
        return Maal(
            _("Opfylder ikke: %(p)s") % {"p": titel},
            lambda base, aktive, today: aktive.filter(aabne_flag(regler)),
        )
    if prefix == "regel" and kode in REGLER:
        return Maal(
            _("Åben advarsel: %(r)s") % {"r": REGLER[kode].titel},
            lambda base, aktive, today: base.filter(aabne_flag([kode])),
        )
    if prefix == "varighed":
        for k, label, lo, hi in VARIGHED_INTERVALLER:
            if k == kode:
                return Maal(_("Varighed %(v)s dage") % {"v": label}, _varighed(lo, hi))
    return None


def forloeb_bag(base, maal: str, today: dt.date | None = None):
    """The courses behind one dashboard number (`maal`), within `base`. None if unknown."""
    today = today or timezone.localdate()
    fundet = find(maal)
    if fundet is None:
        return None
    return fundet.udvaelg(base, base.filter(pk__in=_aktive_i(base, today)), today)


def _aktive_i(base, today: dt.date) -> RawSQL:
    """The base's courses active on `today` (forloeb.sql.AKTIVE), computed for the base
    only, as the dashboard counts them: intersecting the national active set took
    0.6-0.9 s at national size. A subquery, so measures that need no active set skip it."""
    base_sql, base_params = queryset_sql(base.order_by())
    aktive_sql, aktive_params = positional(aktive_cte(), {"today": today})
    return RawSQL(
        f"WITH base(id) AS MATERIALIZED ({base_sql}), {aktive_sql} "
        "SELECT id FROM aktive WHERE id IN (SELECT id FROM base)",
        [*base_params, *aktive_params],
    )


def maal_titel(maal: str) -> str:
    fundet = find(maal)
    return str(fundet.titel) if fundet else str(_("Alle forløb"))
