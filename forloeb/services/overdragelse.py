"""Hand-over when people leave: a caseworker's courses to colleagues in the team, a
mentor's courses to new mentors.

A team leader moves a caseworker's open courses (all, or the ones chosen) to one or more
colleagues with a reason, in one confirmation (one refusal and nothing moves); the history
says who moved what and why, the compliance flags follow the new caseworker at the
re-evaluation every change asks for, and each new caseworker gets one mail. A
coordinator moves each of a leaving mentor's courses through the normal mentor change
(`tildel_mentor`: reason, capacity, qualifications, a new agreement version), all in one
confirmation: one refusal and nothing moves, every refusal named by course.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from drift import mail
from organisation import permissions
from organisation.models import Rolle, User

from ..models import Forloeb, Mentor, Status
from ._faelles import Fejl, bump, tjek_tekster
from .mentor import mentor_belastning, tildel_mentor


def _aabne(qs):
    return qs.filter(status__in=[Status.KLADDE, Status.AKTIV])


def sagsbehandlerens_forloeb(*, user: User, fra: User, forloeb_ids=None) -> list[Forloeb]:
    """The preview: the caseworker's open courses in the teams `user` leads."""
    qs = _aabne(Forloeb.objects.filter(sagsbehandler=fra, organisation_id=user.organisation_id))
    qs = qs.filter(team_id__in=permissions.ledede_team_ids(user))
    if forloeb_ids is not None:
        qs = qs.filter(pk__in=list(forloeb_ids))
    return list(qs.select_related("team", "borger").order_by("pk"))


def aktive_forloeb_pr_sagsbehandler(modtagere: list[User]) -> dict[int, int]:
    """Each caseworker's active courses (for spreading a hand-over evenly)."""
    antal = dict(
        Forloeb.objects.filter(sagsbehandler__in=modtagere, status=Status.AKTIV)
        .values("sagsbehandler")
        .annotate(n=Count("pk"))
        .values_list("sagsbehandler", "n")
    )
    return {u.pk: antal.get(u.pk, 0) for u in modtagere}


def fordel_ligeligt(forloeb: list[Forloeb], modtagere: list[User]) -> dict[int, User]:
    """Spread the courses over the receivers so their active courses even out: each
    course, in turn, to the receiver with the fewest (then by name)."""
    if not modtagere:
        return {}
    belastning = aktive_forloeb_pr_sagsbehandler(modtagere)
    fordeling = {}
    for f in sorted(forloeb, key=lambda f: f.pk):
        til = min(modtagere, key=lambda u: (belastning[u.pk], str(u), u.pk))
        fordeling[f.pk] = til
        belastning[til.pk] += 1
    return fordeling


def afvisninger(fra: User, forloeb: list[Forloeb], fordeling: dict[int, User]) -> list[str]:
    """Why receivers may not take these courses, each refusal naming its course (the
    preview shows them before the confirmation; the hand-over refuses on them)."""
    beskeder = []
    for f in forloeb:
        ny = fordeling.get(f.pk)
        if ny is None:
            beskeder.append(_("Forløb %(nr)s: vælg en ny sagsbehandler.") % {"nr": f.pk})
        elif ny.pk == fra.pk:
            beskeder.append(
                _("Forløb %(nr)s: vælg en anden sagsbehandler end %(fra)s.")
                % {"nr": f.pk, "fra": fra}
            )
        elif not ny.is_active or not permissions.is_case_worker_for(ny, f):
            beskeder.append(
                _("Forløb %(nr)s: %(navn)s er ikke aktiv sagsbehandler i teamet %(team)s.")
                % {"nr": f.pk, "navn": ny, "team": f.team}
            )
    return beskeder


@transaction.atomic
def overdrag_forloeb(
    *,
    user: User,
    fra: User,
    begrundelse: str,
    til: User | None = None,
    fordeling: dict[int, User] | None = None,
    forloeb_ids=None,
) -> list[Forloeb]:
    """Move `fra`'s open courses to caseworkers of each course's team: `fordeling`
    (course id -> receiver), or all (or `forloeb_ids`) to `til`. Only the leader of the
    course's team may. One confirmation: every course moves, or none does; each receiver
    gets one mail listing her courses."""
    if not permissions.has_role(user, Rolle.TEAMLEDER):
        raise PermissionDenied
    fejl = Fejl()
    if not (begrundelse or "").strip():
        fejl("begrundelse", _("Angiv hvorfor forløbene overdrages."))
    tjek_tekster(fejl, begrundelse=begrundelse)
    if fordeling is None and til is None:
        fejl("til", _("Vælg hvem forløbene overdrages til."))
    fejl.rejs()
    if fordeling is not None:
        forloeb_ids = list(fordeling)
    valgte = sagsbehandlerens_forloeb(user=user, fra=fra, forloeb_ids=forloeb_ids)
    if forloeb_ids is not None and len(valgte) != len(set(forloeb_ids)):
        fundne = {f.pk for f in valgte}
        for pk in sorted(set(forloeb_ids) - fundne):
            fejl(
                "forloeb",
                _("Forløb %(nr)s er ikke et åbent forløb i dit team hos %(fra)s.")
                % {"nr": pk, "fra": fra},
            )
        fejl.rejs()
    if not valgte:
        raise ValidationError({"forloeb": _("Der er ingen åbne forløb at overdrage.")})
    if fordeling is None:
        fordeling = {f.pk: til for f in valgte}
    locked = list(
        Forloeb.objects.select_for_update()
        .filter(pk__in=[f.pk for f in valgte])
        .select_related("team")
        .order_by("pk")
    )
    for forloeb in locked:
        if not permissions.leads_course_team(user, forloeb):
            raise PermissionDenied
    for besked in afvisninger(fra, locked, fordeling):
        fejl("til", besked)
    fejl.rejs()
    grund = begrundelse.strip()
    pr_modtager: dict[int, list[Forloeb]] = {}
    for forloeb in locked:
        ny = fordeling[forloeb.pk]
        forloeb.sagsbehandler = ny
        bump(
            forloeb,
            _("Overdraget fra %(fra)s til %(til)s: %(b)s")
            % {"fra": fra.username, "til": ny.username, "b": grund[:100]},
        )
        pr_modtager.setdefault(ny.pk, []).append(forloeb)
    for egne in pr_modtager.values():
        _fortael_modtageren(user, fra, egne, grund)
    return locked


def _fortael_modtageren(user: User, fra: User, egne: list[Forloeb], grund: str) -> None:
    """One mail per receiver: her courses by number and team (no citizen data)."""
    til = egne[0].sagsbehandler
    liste = "\n".join(_("- Forløb %(nr)s (%(team)s)") % {"nr": f.pk, "team": f.team} for f in egne)
    mail.queue(
        key=f"overdragelse:{til.pk}:{egne[0].pk}:{egne[0].version}",
        recipient=til,
        subject=_("Du har fået %(n)s forløb overdraget") % {"n": len(egne)},
        body=_(
            "%(leder)s har overdraget %(n)s forløb fra %(fra)s til dig:\n\n%(liste)s\n\n"
            "Begrundelse: %(b)s\n\nForløbene står nu på din arbejdsliste i Mentorsag."
        )
        % {"leder": user, "n": len(egne), "fra": fra, "liste": liste, "b": grund},
    )


@dataclass(frozen=True)
class Mentorflytning:
    forloeb: Forloeb
    ny_mentor: Mentor
    belastning: int  # the new mentor's open courses before the move

    @property
    def over_kapacitet(self) -> bool:
        return self.belastning >= self.ny_mentor.kapacitet


def mentorens_forloeb(*, user: User, mentor: Mentor) -> list[Forloeb]:
    """The preview: the leaving mentor's open courses."""
    if not permissions.has_role(user, Rolle.MENTORKOORDINATOR) or (
        mentor.organisation_id != user.organisation_id
    ):
        raise PermissionDenied
    return list(
        _aabne(Forloeb.objects.filter(mentor=mentor)).select_related("sagsbehandler", "team")
    )


def forhaandsvis_mentorflytning(
    *, user: User, mentor: Mentor, fordeling: dict[int, Mentor]
) -> list[Mentorflytning]:
    forloeb = {f.pk: f for f in mentorens_forloeb(user=user, mentor=mentor)}
    return [
        Mentorflytning(forloeb[pk], ny, mentor_belastning(ny))
        for pk, ny in fordeling.items()
        if pk in forloeb
    ]


@transaction.atomic
def overdrag_mentorforloeb(
    *,
    user: User,
    mentor: Mentor,
    fordeling: dict[int, Mentor],
    begrundelse: str,
    kvalifikationer: dict[int, str] | str = "",
    tilsidesaet_begrundelse: str = "",
) -> list:
    """Move each course in `fordeling` (course id -> new mentor) from the leaving `mentor`
    through the normal mentor change, as the course's caseworker would, for the
    coordinator. One confirmation: every course moves, or none does."""
    aabne = {f.pk: f for f in mentorens_forloeb(user=user, mentor=mentor)}
    fejl = Fejl()
    if not (begrundelse or "").strip():
        fejl("begrundelse", _("Angiv en begrundelse for mentorskiftet."))
    if not fordeling:
        fejl("fordeling", _("Vælg en ny mentor til mindst ét forløb."))
    for pk in fordeling:
        if pk not in aabne:
            fejl("fordeling", _("Forløb %(nr)s er ikke et åbent forløb hos mentoren.") % {"nr": pk})
    fejl.rejs()
    tilknytninger = []
    for pk, ny in sorted(fordeling.items()):
        forloeb = aabne[pk]
        tekst = (
            kvalifikationer.get(pk, "") if isinstance(kvalifikationer, dict) else kvalifikationer
        )
        try:
            with transaction.atomic():
                tilknytninger.append(
                    tildel_mentor(
                        user=forloeb.sagsbehandler,
                        forloeb=forloeb,
                        mentor=ny,
                        begrundelse=begrundelse,
                        kvalifikationer=tekst or "",
                        tilsidesaet_begrundelse=tilsidesaet_begrundelse,
                    )
                )
        except ValidationError as exc:
            for besked in exc.messages:
                fejl(f"forloeb_{pk}", _("Forløb %(nr)s: %(b)s") % {"nr": pk, "b": besked})
        except PermissionDenied:
            fejl(
                f"forloeb_{pk}",
                _("Forløb %(nr)s: sagsbehandleren har ikke længere adgang til forløbet.")
                % {"nr": pk},
            )
    fejl.rejs()
    return tilknytninger
