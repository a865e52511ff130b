"""The two service-driven scales: one municipality, Demo Kommune."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skala:
    forloeb: int
    andel_aktive: float  # share of courses active today
    aar: float  # years the ended courses spread over
    kladder: int  # courses on the waiting list (no mentor yet)
    sagsbehandlere_pr_team: int
    demo_sb_andel: float  # share of Team Ungeindsats' courses held by "sagsbehandler"
    demo_mentor_aktive: int  # active citizens of the demo login "mentor"
    demo_mentor_tidligere: int  # its former citizens

    @property
    def aktive(self) -> float:
        return self.forloeb * self.andel_aktive


SKALAER = {
    "small": Skala(
        forloeb=40,
        andel_aktive=0.6,
        aar=1.5,
        kladder=4,
        sagsbehandlere_pr_team=1,
        demo_sb_andel=0.8,
        demo_mentor_aktive=8,
        demo_mentor_tidligere=3,
    ),
    "kommune": Skala(
        forloeb=3000,
        andel_aktive=0.16,
        aar=3,
        kladder=40,
        sagsbehandlere_pr_team=12,
        demo_sb_andel=0.08,
        demo_mentor_aktive=8,
        demo_mentor_tidligere=15,
    ),
}
