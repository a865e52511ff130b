import functools

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from compliance import selectors
from compliance.links import ret_url
from compliance.regler import REGLER

register = template.Library()


def _rows(advarsler, user):
    return [
        {"advarsel": a, "regel": REGLER.get(a.regel), "url": ret_url(a, user)} for a in advarsler
    ]


@register.inclusion_tag("compliance/_mine_advarsler.html", takes_context=True)
def mine_advarsler(context):
    """The user's open flags, oldest first, each with its fix hint and where to fix it."""
    user = context.get("user")
    advarsler = selectors.mine_advarsler(user) if user is not None else []
    return {"advarsler": _rows(advarsler, user), "user": user}


# The worklist's orders of its course groups (?advarsler=...).
GRUPPE_SORTERING = {
    "aeldste": lambda g: (-g["alder"], g["navn"]),
    "borger": lambda g: (g["navn"].casefold(), g["forloeb"].pk),
    "antal": lambda g: (-len(g["rows"]), -g["alder"]),
}


@register.inclusion_tag("compliance/_arbejdsliste_advarsler.html", takes_context=True)
def arbejdsliste_advarsler(context):
    """The caseworker's open flags grouped by course and citizen: each with its age in
    days and where to fix it; the groups sorted oldest first, by name or by count."""
    user = context.get("user")
    request = context.get("request")
    sortering = request.GET.get("advarsler", "") if request else ""
    if sortering not in GRUPPE_SORTERING:
        sortering = "aeldste"
    today = timezone.localdate()
    grupper: dict[int, dict] = {}
    for row in _rows(selectors.mine_advarsler(user) if user is not None else [], user):
        a = row["advarsel"]
        fra = a.siden or timezone.localdate(a.foerst_set)
        row["alder"] = (today - fra).days
        gruppe = grupper.setdefault(
            a.forloeb_id,
            {"forloeb": a.forloeb, "navn": a.forloeb.borger.navn, "rows": [], "alder": 0},
        )
        gruppe["rows"].append(row)
        gruppe["alder"] = max(gruppe["alder"], row["alder"])
    ordnet = sorted(grupper.values(), key=GRUPPE_SORTERING[sortering])
    return {
        "grupper": ordnet,
        "antal": sum(len(g["rows"]) for g in ordnet),
        "sortering": sortering,
        "valg": [
            ("aeldste", _("Ældste først")),
            ("borger", _("Borgerens navn")),
            ("antal", _("Flest advarsler")),
        ],
    }


@register.inclusion_tag("compliance/_forloeb_advarsler.html", takes_context=True)
def forloeb_advarsler(context, forloeb):
    """Open flags of one course, for the course page."""
    user = context.get("user")
    advarsler = selectors.forloeb_advarsler(forloeb)
    return {"advarsler": _rows(advarsler, user), "forloeb": forloeb}


@register.filter
def stikproeve_punkt(sag, punkt):
    """The reviewer's verdict and the system's finding on one point of a sampled case."""
    vurdering = getattr(sag, punkt, "")
    return {
        "vurdering": vurdering,
        "ok": vurdering == "opfyldt",
        "system": bool(sag.systemfund.get(punkt)),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key, [])


@register.filter
def andel_badge(andel: int) -> str:
    """The badge colour of a share met (%): the dashboard's one scale, tables and cells."""
    return "badge-success" if andel >= 90 else "badge-warning" if andel >= 70 else "badge-error"


def _tal(n: int) -> str:
    # As {{ n }} renders an integer (localize only groups thousands when asked to).
    return localize(n) if settings.USE_THOUSAND_SEPARATOR else str(n)


@functools.lru_cache(maxsize=256)
def _ikke_tekst(sprog: str, n: int) -> str:
    return ngettext("%(n)s opfylder ikke", "%(n)s opfylder ikke", n) % {"n": _tal(n)}


@register.simple_tag
def fordeling_celler(r, dim, q, liste_url):
    """One row's cells of the distribution tables (active courses, then each STAR point).
    Built here rather than as template tags per cell: a leader's tables have hundreds of
    rows of seven cells, which made them half of the dashboard's render time. Every value
    is escaped, or an integer."""
    id_ = r["id"]
    if id_:
        link = f"{escape(liste_url)}?{escape(q)}&amp;maal="
        hvem = f"&amp;{escape(dim)}={int(id_)}"
        celler = [f'<td class="num"><a href="{link}aktive{hvem}">{_tal(r["aktive"])}</a></td>']
    else:
        celler = [f'<td class="num">{_tal(r["aktive"])}</td>']
    sprog = get_language()
    for p in r["punkter"]:
        ikke = ""
        if p["ikke"] and id_:
            tekst = escape(_ikke_tekst(sprog, p["ikke"]))
            ikke = (
                f'<a class="ikke-opfyldt" href="{link}ikke_{escape(p["punkt"])}{hvem}">{tekst}</a>'
            )
        badge = f'<span class="badge {andel_badge(p["andel"])}">{_tal(p["andel"])} %</span>'
        celler.append(f'<td class="num">{badge}{ikke}</td>')
    return mark_safe("".join(celler))  # noqa: S308 (built from escaped values and integers)
