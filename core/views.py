from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from .adgang import uden_persondata


@uden_persondata
def tilgaengelighed(request):
    """The accessibility statement (webtilgængelighedserklæring) Danish law asks of
    public-sector web solutions; open to everyone, logged in or not."""
    kontakt = settings.TILGAENGELIGHED_KONTAKT
    return render(
        request,
        "tilgaengelighed.html",
        {
            "title": _("Tilgængelighedserklæring"),
            "kontakt": kontakt,
            "kontakt_er_email": "@" in kontakt and " " not in kontakt,
        },
    )
