"""What an import looks up, read once per file: caseworkers by username, teams by name,
mentors by e-mail (with their load), citizens by CPR hash and courses by sagsnummer."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from forloeb import cpr
from forloeb import services as forloeb_services
from forloeb.models import Borger, Forloeb, Mentor
from organisation.models import Organisation, Team, User


class Opslag:
    def __init__(self, organisation: Organisation, sager: dict[str, list]):
        foerste = [rows[0] for rows in sager.values()]
        navne = {r["sagsbehandler"].strip() for r in foerste}
        self.brugere = {
            u.username: u
            for u in User.objects.filter(
                organisation=organisation, username__in=navne, is_active=True
            )
        }
        # As `navn__iexact=…` with `.first()`: the first by the model's order.
        self.teams: dict[str, Team] = {}
        for team in Team.objects.filter(organisation=organisation).order_by(
            *(Team._meta.ordering or ["pk"])
        ):
            self.teams.setdefault(team.navn.upper(), team)
        emails = {r["mentor"].strip().upper() for r in foerste}
        self.mentorer: dict[str, list[Mentor]] = {}
        self._belastning: dict[int, int] = {}
        for m in (
            Mentor.objects.med_belastning()
            .filter(organisation=organisation)
            .select_related("bruger")
            .order_by("pk")
        ):
            if m.email.upper() in emails:
                self.mentorer.setdefault(m.email.upper(), []).append(m)
                self._belastning[m.pk] = m.belastning
        hashes = {}
        for r in foerste:
            try:
                hashes[cpr.lookup_hash(cpr.normalise(r["cpr"]))] = None
            except ValidationError:  # noqa: S112 (the course reports it with its message)
                continue
        self.borgere = {
            b.cpr_hash: b
            for b in Borger.objects.filter(organisation=organisation, cpr_hash__in=list(hashes))
        }
        self.forloeb = {
            f.sagsnummer: f
            for f in Forloeb.objects.filter(organisation=organisation, sagsnummer__in=list(sager))
        }

    def team(self, navn: str) -> Team | None:
        return self.teams.get(navn.strip().upper())

    def mentorer_med(self, email: str) -> list[Mentor]:
        return self.mentorer.get(email.strip().upper(), [])[:2]

    def belastning(self, mentor: Mentor) -> int:
        """The mentor's open courses, counting those this run has planned."""
        if mentor.pk not in self._belastning:
            self._belastning[mentor.pk] = forloeb_services.mentor_belastning(mentor)
        return self._belastning[mentor.pk]

    def tildelt(self, mentor: Mentor) -> None:
        self._belastning[mentor.pk] = self.belastning(mentor) + 1

    def glem_belastning(self) -> None:
        """After a course went through the services one by one: read the loads again."""
        self._belastning.clear()
