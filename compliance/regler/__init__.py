"""The rule catalogue (PRODUCT.md §6, docs/regler.md): one entry per rule, each with a
set-based query.

Each rule's `sql` returns the offending courses as rows of (forloeb_id, siden) — "since"
is the day the condition began. Rules read the domain only through the declared
fragments: `aktive` (forloeb.sql.AKTIVE: active on %(today)s), `segmenter` (granted
hours, forloeb.sql.SEGMENTER), `dele` (each mentor's part of each week,
tidsregistrering.sql.DELE) and the declared tables and columns. Thresholds come from
`Regelindstillinger` through `parametre()`. Adding a rule is one entry in a module here, its section
in docs/regler.md and its tests.
"""

from django.utils.translation import gettext_lazy as _

from . import afslutning, indhold, levering, perioder
from ._regel import (
    AKTIVE_FRA_TABEL,
    AKTIVE_TABEL,
    MENTOR,
    SAGSBEHANDLER,
    Regel,
    aktive_cte,
    lukket_uge,
    parametre,
    tabeller,
)

_REGLER = [*indhold.REGLER, *perioder.REGLER, *levering.REGLER, *afslutning.REGLER]

REGLER: dict[str, Regel] = {regel.kode: regel for regel in _REGLER}

# The STAR checklist (fokusrevision) and the rules that decide each point.
STAR_PUNKTER: dict[str, tuple] = {
    "formaal": (_("Formål"), ("FORMAAL_MANGLER",)),
    "opgaver": (_("Mentorens opgaver"), ("OPGAVER_MANGLER",)),
    "kvalifikationer": (_("Mentorens kvalifikationer"), ("KVALIFIKATIONER_MANGLER",)),
    "aftale": (_("Aftale udleveret"), ("AFTALE_MANGLER",)),
    "opfoelgning": (_("Opfølgning på levering"), ("OPFOELGNING_MANGLER",)),
    "kontakt": (_("Kontakt som bevilget"), ("INGEN_KONTAKT", "LEVERING_AFVIGER")),
}


def regel_choices():
    return [(kode, regel.titel) for kode, regel in REGLER.items()]


__all__ = [
    "AKTIVE_FRA_TABEL",
    "AKTIVE_TABEL",
    "MENTOR",
    "REGLER",
    "SAGSBEHANDLER",
    "STAR_PUNKTER",
    "Regel",
    "aktive_cte",
    "lukket_uge",
    "parametre",
    "regel_choices",
    "tabeller",
]
