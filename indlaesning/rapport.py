"""The import's report: per course its status, changes and errors (row, column, Danish
message), as a screen, a summary and a CSV file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.eksport import raekke

OPRETTET, OPDATERET, UAENDRET, FEJL = "oprettet", "opdateret", "uændret", "fejl"
KOLONNER = ["raekke", "sagsnummer", "status", "kolonne", "besked"]


@dataclass
class Fejlpost:
    raekke: int
    kolonne: str
    besked: str


@dataclass
class Sagsresultat:
    sagsnummer: str
    raekker: list[int]
    status: str = UAENDRET
    aendringer: list[str] = field(default_factory=list)
    fejl: list[Fejlpost] = field(default_factory=list)
    forloeb_id: int | None = None


@dataclass
class Rapport:
    filnavn: str
    resultater: list[Sagsresultat] = field(default_factory=list)
    filfejl: list[str] = field(default_factory=list)
    ugefejl: list[Fejlpost] = field(default_factory=list)
    skrevet: bool = False

    def antal(self, status: str) -> int:
        return sum(1 for r in self.resultater if r.status == status)

    @property
    def har_fejl(self) -> bool:
        return bool(self.filfejl or self.ugefejl or self.antal(FEJL))

    def linjer(self) -> list[dict]:
        """One line per message, and one per course without any (the CSV report)."""
        out = [
            {"raekke": "", "sagsnummer": "", "status": FEJL, "kolonne": "", "besked": b}
            for b in self.filfejl
        ]
        out += [
            {
                "raekke": f.raekke,
                "sagsnummer": "",
                "status": FEJL,
                "kolonne": f.kolonne,
                "besked": f.besked,
            }
            for f in self.ugefejl
        ]
        for r in self.resultater:
            if r.fejl:
                out += [
                    {
                        "raekke": f.raekke,
                        "sagsnummer": r.sagsnummer,
                        "status": FEJL,
                        "kolonne": f.kolonne,
                        "besked": f.besked,
                    }
                    for f in r.fejl
                ]
            else:
                out.append(
                    {
                        "raekke": ",".join(map(str, r.raekker)),
                        "sagsnummer": r.sagsnummer,
                        "status": r.status,
                        "kolonne": "",
                        "besked": "; ".join(r.aendringer),
                    }
                )
        return out

    def som_csv(self) -> str:
        return self.som_csv_af(self.linjer())

    @staticmethod
    def som_csv_af(linjer: list[dict]) -> str:
        buffer = io.StringIO()
        # Messages quote the file's own cells: formula-safe like every export.
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(KOLONNER)
        writer.writerows(raekke(linje[k] for k in KOLONNER) for linje in linjer)
        return "\ufeff" + buffer.getvalue()

    def opsummering(self) -> str:
        if self.filfejl:
            return _("Filen blev ikke indlæst: %(f)s") % {"f": " ".join(self.filfejl)}
        tal = {
            "o": self.antal(OPRETTET),
            "a": self.antal(OPDATERET),
            "u": self.antal(UAENDRET),
            "f": self.antal(FEJL),
        }
        tekst = _("%(o)s oprettet, %(a)s opdateret, %(u)s uændret, %(f)s med fejl.") % tal
        if self.skrevet:
            return tekst + " " + _("Ændringerne er gemt.")
        return tekst + " " + _("Intet er gemt.")
