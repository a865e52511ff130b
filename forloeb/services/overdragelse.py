"""Hand-over when people leave: a caseworker's courses to colleagues in the team, a
mentor's courses to new mentors.

A team leader moves a caseworker's open courses (all, or the ones chosen) with a reason;
the history says who moved what and why, the compliance flags follow the new caseworker
at the re-evaluation every change asks for, and the new caseworker gets a mail. A
coordinator moves each of a leaving mentor's courses through the normal mentor change
(`tildel_mentor`: reason, capacity, qualifications, a new agreement version), all in one
confirmation: one refusal and nothing moves, every refusal named by course.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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


@transaction.atomic
def overdrag_forloeb(
    *, user: User, fra: User, til: User, begrundelse: str, forloeb_ids=None
) -> list[Forloeb]:
    """Move `fra`'s open courses (all, or `forloeb_ids`) to `til`, a caseworker of each
    course's team. Only the leader of the course's team may."""
    if not permissions.has_role(user, Rolle.TEAMLEDER):
        raise PermissionDenied
    fejl = Fejl()
    if not (begrundelse or "").strip():
        fejl("begrundelse", _("Angiv hvorfor forløbene overdrages."))
    tjek_tekster(fejl, begrundelse=begrundelse)
    if til.pk == fra.pk:
        fejl("til", _("Vælg en anden sagsbehandler end den, forløbene overdrages fra."))
    fejl.rejs()
    valgte = sagsbehandlerens_forloeb(user=user, fra=fra, forloeb_ids=forloeb_ids)
    if forloeb_ids is not None and len(valgte) != len(set(forloeb_ids)):
        raise ValidationError(
            {"forloeb": _("Et af de valgte forløb er ikke et åbent forløb i dit team.")}
        )
    if not valgte:
        raise ValidationError({"forloeb": _("Der er ingen åbne forløb at overdrage.")})
    locked = list(
        Forloeb.objects.select_for_update().filter(pk__in=[f.pk for f in valgte]).order_by("pk")
    )
    for forloeb in locked:
        if not til.is_active or not permissions.is_case_worker_for(til, forloeb):
            fejl(
                "til",
                _("%(navn)s er ikke aktiv sagsbehandler i teamet %(team)s.")
                % {"navn": til, "team": forloeb.team},
            )
        if not permissions.leads_course_team(user, forloeb):
            raise PermissionDenied
    fejl.rejs()
    grund = begrundelse.strip()
    for forloeb in locked:
        forloeb.sagsbehandler = til
        bump(
            forloeb,
            _("Overdraget fra %(fra)s til %(til)s: %(b)s")
            % {"fra": fra.username, "til": til.username, "b": grund[:100]},
        )
    ids = ", ".join(str(f.pk) for f in locked)
    mail.queue(
        key=f"overdragelse:{til.pk}:{locked[0].pk}:{locked[0].version}",
        recipient=til,
        subject=_("Du har fået %(n)s forløb overdraget") % {"n": len(locked)},
        body=_(
            "%(leder)s har overdraget %(n)s forløb fra %(fra)s til dig (forløb %(ids)s).\n\n"
            "Begrundelse: %(b)s\n\nForløbene står nu på din arbejdsliste i Mentorsag."
        )
        % {"leder": user, "n": len(locked), "fra": fra, "ids": ids, "b": grund},
    )
    return locked


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
