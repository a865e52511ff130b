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
            (reverse("forloeb:overdragelse"), _("Overdrag forløb")),
        ]
    if has_role(user, Rolle.TEAMLEDER, Rolle.OEKONOMI):
        items += [
            (reverse("oekonomi:afregninger"), _("Afregninger")),
            (reverse("oekonomi:budget"), _("Budget")),
        ]
    if has_role(
        user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTORKOORDINATOR, Rolle.MENTOR
    ):  # tidsregistrering's EKSPORT_ROLLER (organisation may not import it)
        items += [(reverse("tidsregistrering:eksport"), _("Eksport (CSV)"))]
    if has_role(user, Rolle.ADMINISTRATOR):
        items += [
            (reverse("admin:index"), _("Administration")),
            (reverse("indlaesning:upload"), _("Indlæs forløb")),
        ]
    seen = set()
    unique = [(url, label) for url, label in items if not (url in seen or seen.add(url))]
    # The current item is the one whose address is the longest prefix of this page's.
    path = request.path
    current = max((url for url, _label in unique if path.startswith(url)), key=len, default=None)
    roller = [label for kode, label in Rolle.choices if kode in (user.roller or [])]
    return {
        "nav_items": [
            {"url": url, "label": label, "aktiv": url == current, "side": url == path}
            for url, label in unique
        ],
        "bruger_roller": ", ".join(str(r) for r in roller),
        "hurtig_soeg": has_role(user, Rolle.SAGSBEHANDLER),
    }
