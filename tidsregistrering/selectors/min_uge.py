"""Min uge: the mentor's citizens in the shown weeks, with her part of each week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import Bevilling, Forloeb, Mentortilknytning
from forloeb.selectors_mentor import mentorens_forloeb
from organisation.models import User

from .. import dele
from ..models import Kontakt, Ugeregistrering
from ..uger import uge_mandag
from ._faelles import Tilstand, _tilstand


@dataclass
class Ugefelt:
    aar: int
    uge: int
    registrering: Ugeregistrering | None  # the mentor's own row
    kan_registreres: bool
    grund: str = ""

    @property
    def tilstand(self) -> str:
        if self.registrering is None and not self.kan_registreres:
            return Tilstand.IKKE_AKTUEL
        return _tilstand(self.registrering)

    @property
    def tilstand_tekst(self):
        return Tilstand.LABELS[self.tilstand]

    @property
    def tag(self) -> str:
        return Tilstand.TAGS[self.tilstand]

    @property
    def laast(self) -> bool:
        return bool(self.registrering and self.registrering.er_godkendt)


@dataclass
class MinUgeRaekke:
    forloeb: Forloeb
    uger: dict[tuple[int, int], Ugefelt]

    def felt(self, aar: int, uge: int) -> Ugefelt:
        return self.uger[(aar, uge)]


def min_uge(user: User, *, uger: list[tuple[int, int]]) -> list[MinUgeRaekke]:
    """The mentor's citizens in the given weeks (forloeb.selectors_mentor.mentorens_forloeb,
    the same answer as "Mine borgere") with her part of each week. A fixed number of
    queries whatever the number of citizens."""
    mondays = [uge_mandag(a, u) for a, u in uger]
    first, last = min(mondays), max(mondays) + timedelta(days=6)
    forloeb = (
        mentorens_forloeb(user, first, last)
        .select_related("borger", "afslutning")
        .prefetch_related(
            Prefetch(
                "ugeregistreringer",
                queryset=Ugeregistrering.objects.filter(
                    uge_start__in=mondays, mentor__bruger=user
                ).prefetch_related(
                    Prefetch("kontakter", queryset=Kontakt.objects.order_by("dato", "pk"))
                ),
                to_attr="valgte_registreringer",
            ),
            Prefetch(
                "bevillinger",
                queryset=Bevilling.objects.filter(start__lte=last, slut__gte=first),
                to_attr="valgte_perioder",
            ),
            Prefetch(
                "tilknytninger",
                queryset=Mentortilknytning.objects.filter(mentor__bruger=user),
                to_attr="mine_tilknytninger",
            ),
        )
        .order_by("borger__navn", "pk")
    )
    idag = timezone.localdate()
    rows = []
    for f in forloeb:
        regs = {(r.aar, r.uge): r for r in f.valgte_registreringer}
        afslutning = getattr(getattr(f, "afslutning", None), "dato", None)
        felter = {}
        for (aar, uge), mandag in zip(uger, mondays, strict=True):
            grund = ""
            if mandag > idag:
                grund = _("Ugen er ikke begyndt.")
            elif not dele.dage(
                mandag=mandag, perioder=f.valgte_perioder, tilknytninger=f.mine_tilknytninger
            ):
                if dele.dage(
                    mandag=mandag,
                    perioder=f.valgte_perioder,
                    tilknytninger=[_Altid()],
                ):
                    grund = _("Du var ikke mentor på forløbet i denne uge.")
                else:
                    grund = _("Ugen ligger uden for den bevilgede periode.")
            elif not dele.dage(
                mandag=mandag,
                perioder=f.valgte_perioder,
                tilknytninger=f.mine_tilknytninger,
                afslutning=afslutning,
            ):
                grund = _("Forløbet var afsluttet i denne uge.")
            felter[(aar, uge)] = Ugefelt(aar, uge, regs.get((aar, uge)), not grund, grund)
        rows.append(MinUgeRaekke(f, felter))
    return rows


class _Altid:
    """An assignment covering every day (to ask whether a period covers the week)."""

    fra = date.min
    til = None
