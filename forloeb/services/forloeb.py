"""Courses: create (a draft), edit purpose/goal/tasks, cancel a draft.

Once a period is granted the legal content — purpose, goal, tasks (LAB § 167), and the
"beyond the ordinary" assessment for a company or education mentor (LAB § 169) — can be
changed but never erased, and a change of goal or tasks makes a new agreement version.
"""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import permissions
from organisation.models import Rolle, Team, User

from .. import lov
from ..models import (
    Afslutning,
    Afslutningsaarsag,
    Borger,
    Forloeb,
    Formaal,
    Lovgrundlag,
    Mentor,
    Mentoraftale,
    MentorType,
    Status,
    Stoettetype,
)
from . import aftale as aftaler
from ._faelles import (
    Fejl,
    bump,
    lock,
    require_caseworker,
    require_open,
    tjek_dato,
    tjek_tekster,
    tjek_valg,
)

# Mentor types where the effort must go beyond what the place normally provides (§ 169).
SKAL_GAA_UD_OVER_NORMALT = {MentorType.VIRKSOMHED, MentorType.UDDANNELSESINSTITUTION}
UNG_ALDER = 30
INDHOLDSFELTER = (
    "formaal",
    "maal",
    "opgaver",
    "stoettetype",
    "lovgrundlag",
    "udskrivningsdato",
    "optagelsesdato",
    "ud_over_normalt",
)


def _valider_felter(forloeb: Forloeb, fejl: Fejl) -> None:
    """Codes, text limits and the basis' own facts; true for drafts too."""
    if forloeb.formaal:
        tjek_valg(fejl, "formaal", forloeb.formaal, Formaal.values, _("Vælg et gyldigt formål."))
    tjek_valg(
        fejl, "lovgrundlag", forloeb.lovgrundlag, Lovgrundlag.values, _("Vælg et lovgrundlag.")
    )
    tjek_valg(
        fejl, "stoettetype", forloeb.stoettetype, Stoettetype.values, _("Vælg en støttetype.")
    )
    tjek_tekster(
        fejl, maal=forloeb.maal, opgaver=forloeb.opgaver, ud_over_normalt=forloeb.ud_over_normalt
    )
    tjek_dato(fejl, "udskrivningsdato", forloeb.udskrivningsdato)
    tjek_dato(fejl, "optagelsesdato", forloeb.optagelsesdato)
    if forloeb.lovgrundlag == Lovgrundlag.PSYKIATRI and not forloeb.udskrivningsdato:
        fejl(
            "udskrivningsdato",
            _("Angiv udskrivningsdatoen, når lovgrundlaget er psykiatri (%(lov)s).")
            % {"lov": lov.PSYKIATRI},
        )
    if forloeb.lovgrundlag == Lovgrundlag.UDDANNELSESSTART:
        if not forloeb.optagelsesdato:
            fejl(
                "optagelsesdato",
                _("Angiv datoen for optagelse på uddannelsen (%(lov)s).")
                % {"lov": lov.UDDANNELSESSTART},
            )
        elif forloeb.borger_id or Forloeb.borger.is_cached(forloeb):
            born = (
                forloeb.borger.foedselsdato
                if Forloeb.borger.is_cached(forloeb)
                else Borger.objects.only("foedselsdato").get(pk=forloeb.borger_id).foedselsdato
            )
            if forloeb.optagelsesdato >= born + relativedelta(years=UNG_ALDER):
                fejl(
                    "lovgrundlag",
                    _(
                        "Retten ved start på uddannelse gælder personer under 30 år; borgeren "
                        "var %(alder)s år ved optagelsen."
                    )
                    % {"alder": relativedelta(forloeb.optagelsesdato, born).years},
                )


def kraev_juridisk_indhold(forloeb: Forloeb, fejl: Fejl, mentor: Mentor | None) -> None:
    """What a granted course must always have: purpose, goal and tasks (§ 167), and the
    § 169 assessment when a company or education institution is the mentor."""
    for field, label in (
        ("formaal", _("formål")),
        ("maal", _("konkret mål")),
        ("opgaver", _("mentorens opgaver")),
    ):
        if not str(getattr(forloeb, field) or "").strip():
            fejl(
                field,
                _("Forløbet skal have %(felt)s (%(lov)s).") % {"felt": label, "lov": lov.FORMAAL},
            )
    er_virksomhed = mentor is not None and mentor.type in SKAL_GAA_UD_OVER_NORMALT
    if er_virksomhed and not (forloeb.ud_over_normalt or "").strip():
        fejl(
            "ud_over_normalt",
            _(
                "Når en virksomhed eller uddannelsesinstitution er mentor, skal det "
                "vurderes, at indsatsen går ud over det sædvanlige (%(lov)s)."
            )
            % {"lov": lov.UD_OVER_DET_SAEDVANLIGE},
        )


@transaction.atomic
def opret_forloeb(
    *, user: User, borger: Borger, team: Team, kun_kladde: bool = True, **fields
) -> Forloeb:
    """A draft course. With `kun_kladde` (a draft saved on purpose, and the API) purpose,
    goal and tasks may still be missing — they are demanded before the first grant;
    without it they are demanded now, so step 1 says at once what is missing."""
    forloeb = byg_forloeb(user=user, borger=borger, team=team, kun_kladde=kun_kladde, **fields)
    forloeb.save()
    return forloeb


def byg_forloeb(
    *, user: User, borger: Borger, team: Team, kun_kladde: bool = True, **fields
) -> Forloeb:
    """`opret_forloeb`'s checks: the draft, unsaved (an import writes many at once)."""
    if not permissions.has_role(user, Rolle.SAGSBEHANDLER) or not permissions.arbejder_i_team(
        user, team.pk
    ):
        raise ValidationError({"team": _("Du kan kun oprette forløb i dine egne teams.")})
    if borger.organisation_id != user.organisation_id:
        raise PermissionDenied
    unknown = set(fields) - set(INDHOLDSFELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    fields = {k: v for k, v in fields.items() if v is not None}
    forloeb = Forloeb(
        organisation_id=user.organisation_id, team=team, borger=borger, sagsbehandler=user, **fields
    )
    fejl = Fejl()
    _valider_felter(forloeb, fejl)
    if not kun_kladde:
        kraev_juridisk_indhold(forloeb, fejl, mentor=None)
    fejl.rejs()
    forloeb.full_clean(exclude=["organisation", "team", "borger", "sagsbehandler", "mentor"])
    forloeb._change_reason = _("Forløb oprettet")
    return forloeb


@transaction.atomic
def opret_forloeb_med_mentor(
    *,
    user: User,
    borger: Borger,
    team: Team | None = None,
    mentor: Mentor | None = None,
    mentor_fra=None,
    tilsidesaet_begrundelse: str = "",
    **fields,
) -> Forloeb:
    """The API's one-call start of a course: the draft, in the caseworker's team (the only
    one, if none is named), and its first mentor."""
    from .mentor import tildel_mentor

    if team is None:
        teams = list(user.teams.all()[:2])
        if len(teams) != 1:
            raise ValidationError({"team": _("Vælg det team, forløbet hører til.")})
        team = teams[0]
    forloeb = opret_forloeb(user=user, borger=borger, team=team, **fields)
    if mentor is not None:
        tildel_mentor(
            user=user,
            forloeb=forloeb,
            mentor=mentor,
            fra=mentor_fra,
            tilsidesaet_begrundelse=tilsidesaet_begrundelse,
        )
    return forloeb


@transaction.atomic
def opdater_forloeb(*, user: User, forloeb: Forloeb, version: int, **fields) -> Forloeb:
    """Edit purpose, goal, tasks etc. with optimistic locking on `version`."""
    require_caseworker(user, forloeb)
    locked = lock(forloeb, version)
    require_open(locked)
    unknown = set(fields) - set(INDHOLDSFELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    foer = (locked.maal, locked.opgaver)
    for name, value in fields.items():
        setattr(locked, name, "" if value is None and name not in _DATOFELTER else value)
    fejl = Fejl()
    _valider_felter(locked, fejl)
    if locked.status == Status.AKTIV:
        kraev_juridisk_indhold(locked, fejl, locked.mentor)
    fejl.rejs()
    locked.full_clean(exclude=["organisation", "team", "borger", "sagsbehandler", "mentor"])
    bump(locked, _("Forløb redigeret"))
    if locked.status == Status.AKTIV and foer != (locked.maal, locked.opgaver):
        aftaler.nye_versioner(
            forloeb=locked, fra=timezone.localdate(), aarsag=Mentoraftale.Aarsag.INDHOLD
        )
    forloeb.version = locked.version
    return locked


_DATOFELTER = {"udskrivningsdato", "optagelsesdato"}


@transaction.atomic
def annuller_kladde(*, user: User, forloeb: Forloeb, begrundelse: str) -> Afslutning:
    """A draft that will not be granted is cancelled, with a reason; it leaves the
    worklist and the waiting list and frees the mentor it held."""
    require_caseworker(user, forloeb)
    locked = lock(forloeb)
    if locked.status != Status.KLADDE:
        raise ValidationError(
            {"begrundelse": _("Kun en kladde kan annulleres; et bevilget forløb afsluttes.")}
        )
    fejl = Fejl()
    if not (begrundelse or "").strip():
        fejl("begrundelse", _("Angiv hvorfor kladden annulleres."))
    tjek_tekster(fejl, begrundelse=begrundelse)
    fejl.rejs()
    today = timezone.localdate()
    afslutning = Afslutning.objects.create(
        forloeb=locked,
        dato=today,
        aarsag=Afslutningsaarsag.ANNULLERET,
        exitplan=begrundelse.strip(),
        afsluttet_af=user,
    )
    aaben = locked.tilknytninger.filter(til__isnull=True).first()
    if aaben:
        aaben.til = max(today, aaben.fra)
        aaben._change_reason = _("Kladde annulleret")
        aaben.save()
    locked.status = Status.AFSLUTTET
    bump(locked, _("Kladde annulleret: %(b)s") % {"b": begrundelse.strip()[:60]})
    return afslutning
