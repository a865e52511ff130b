"""Where a flag is fixed: the first URL of the rule's list that exists, else the flag page."""

from django.urls import NoReverseMatch, reverse


def ret_url(advarsel) -> str:
    regel = advarsel.regeldefinition
    for name in regel.ret_url if regel else ():
        for args in ([advarsel.forloeb_id], []):
            try:
                return reverse(name, args=args)
            except NoReverseMatch:
                continue
    return reverse("compliance:forloeb", args=[advarsel.forloeb_id])


def forloeb_url(forloeb_id: int) -> str:
    for name in ("forloeb:forloeb_detalje", "forloeb:mentor_forloeb"):
        try:
            return reverse(name, args=[forloeb_id])
        except NoReverseMatch:
            continue
    return reverse("compliance:forloeb", args=[forloeb_id])
