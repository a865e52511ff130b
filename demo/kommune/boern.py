"""A course's plain child rows (meetings, work points and ratings, status reports,
follow-ups), bulk-created with history for speed: the services that write them one at a
time stamp today's date, and demo data needs the dates of the timeline."""

from __future__ import annotations

from datetime import timedelta

from simple_history.utils import bulk_create_with_history

from forloeb.models import (
    Arbejdspunkt,
    Forloeb,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Statusrapport,
)

from .. import tekster
from ..tidslinje import Tidslinje

BATCH = 1000


class Boern:
    def __init__(self, rng):
        self.rng = rng
        self._nulstil()

    def _nulstil(self) -> None:
        self.moeder, self.punkter, self.rapporter, self.opfoelgninger = [], [], [], []
        self.vurderinger: list[tuple[int, dict]] = []  # (work point index, fields)
        self.oprettet: list[Forloeb] = []  # backdated creation times

    def tilfoej(self, forloeb: Forloeb, sb, t: Tidslinje, mentorer: list) -> None:
        def mentor_paa(d):
            return mentorer[min(t.mentor_nr(d), len(mentorer) - 1)]

        for type_, dato in t.moeder:
            self.moeder.append(
                Moede(
                    forloeb=forloeb,
                    type=type_,
                    dato=dato,
                    deltagere=tekster.DELTAGERE,
                    referat=tekster.REFERAT[type_],
                    oprettet_af=sb,
                )
            )
        for dato in t.rapporter:
            self.rapporter.append(
                Statusrapport(
                    forloeb=forloeb,
                    mentor=mentor_paa(dato),
                    dato=dato,
                    tekst=self.rng.choice(tekster.RAPPORTER),
                )
            )
        for dato, leveret, som_bevilget in t.opfoelgninger:
            self.opfoelgninger.append(
                Opfoelgning(
                    forloeb=forloeb,
                    dato=dato,
                    leveret=leveret,
                    kontakt_som_bevilget=som_bevilget,
                    note="" if leveret == "ja" else tekster.OPFOELGNING_NOTE,
                    naeste_dato=dato + timedelta(weeks=8),
                    udfoert_af=sb,
                )
            )
        for punkt in t.punkter:
            self.punkter.append(
                Arbejdspunkt(forloeb=forloeb, titel=punkt.titel, status=punkt.status)
            )
            index = len(self.punkter) - 1
            for dato, vurderet_af, score in punkt.vurderinger:
                registrant = mentor_paa(dato).bruger or sb
                self.vurderinger.append(
                    (
                        index,
                        dict(
                            dato=dato,
                            vurderet_af=vurderet_af,
                            score=score,
                            registreret_af=registrant,
                        ),
                    )
                )

    def gem(self) -> None:
        bulk_create_with_history(self.moeder, Moede, batch_size=BATCH)
        bulk_create_with_history(self.rapporter, Statusrapport, batch_size=BATCH)
        bulk_create_with_history(self.opfoelgninger, Opfoelgning, batch_size=BATCH)
        punkter = Arbejdspunkt.objects.bulk_create(self.punkter, batch_size=BATCH)
        Arbejdspunkt.history.bulk_history_create(punkter)
        Progressionsvurdering.objects.bulk_create(
            [Progressionsvurdering(arbejdspunkt=punkter[i], **kw) for i, kw in self.vurderinger],
            batch_size=2 * BATCH,
        )
        # bulk_update bypasses auto_now_add, so the course looks created before its start.
        Forloeb.objects.bulk_update(self.oprettet, ["oprettet"], batch_size=BATCH // 2)
        self._nulstil()
