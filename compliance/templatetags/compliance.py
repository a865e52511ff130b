from django import template

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
