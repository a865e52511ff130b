from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Rolle
from .permissions import has_role


def navigation(request):
    """The menu: each role sees its own pages, nothing else."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if has_role(user, Rolle.SAGSBEHANDLER):
        items += [
            (reverse("forloeb:arbejdsliste"), _("Min arbejdsliste")),
            (reverse("forloeb:borger_soeg"), _("Find borger")),
            (reverse("forloeb:forloeb_liste"), _("Forløb")),
        ]
    if has_role(user, Rolle.MENTOR):
        items += [
            (reverse("tidsregistrering:min_uge"), _("Min uge")),
            (reverse("forloeb:mine_borgere"), _("Mine borgere")),
        ]
    if has_role(user, Rolle.MENTORKOORDINATOR):
        items += [
            (reverse("forloeb:mentorer"), _("Mentorer")),
            (reverse("forloeb:venteliste"), _("Venteliste")),
        ]
    if has_role(user, Rolle.TEAMLEDER):
        items += [
            (reverse("compliance:dashboard"), _("Overblik")),
            (reverse("oekonomi:resultater"), _("Resultater")),
        ]
    if has_role(user, Rolle.TEAMLEDER, Rolle.OEKONOMI):
        items += [
            (reverse("oekonomi:afregninger"), _("Afregninger")),
            (reverse("oekonomi:budget"), _("Budget")),
        ]
    if has_role(user, Rolle.ADMINISTRATOR):
        items += [(reverse("admin:index"), _("Administration"))]
    seen = set()
    unique = [(url, label) for url, label in items if not (url in seen or seen.add(url))]
    return {"nav_items": unique}
