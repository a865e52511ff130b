"""Every write to a course goes through here, so forms, API and Celery share one rule set.

Each service checks the caller's authority (organisation/permissions.py), validates the
legal rule, writes in one transaction (django-simple-history records before/after), and
raises `ValidationError({field: Danish message})` on a violation, which the form shows on
the field and the API returns as a 400 naming the field.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.adgang import Handling, log_adgang
from organisation import permissions
from organisation.models import Rolle, Team, User

from . import cpr
from .models import (
    Afslutning,
    Arbejdspunkt,
    Arbejdspunktstatus,
    Bevilling,
    Borger,
    Forloeb,
    Lovgrundlag,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    MentorType,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Status,
    Statusrapport,
    Timeaendring,
    Vurderer,
)

MAX_TIMER_PR_UGE = Decimal("37")
TIMER_FEJL = _lazy("Timer pr. uge skal være over 0 og højst 37.")
KLAGEVEJLEDNING = _lazy(
    "Du kan klage over afgørelsen om mentorstøtte. Klagen sendes til jobcentret inden fire "
    "uger efter, at du har modtaget afgørelsen. Jobcentret genvurderer sagen, og hvis "
    "afgørelsen fastholdes, sendes klagen videre til Ankestyrelsen. Du kan klage skriftligt "
    "eller mundtligt, og du kan få hjælp af din sagsbehandler til at klage."
)
# Mentor types where the effort must go beyond what the place normally provides (rule 2).
SKAL_GAA_UD_OVER_NORMALT = {MentorType.VIRKSOMHED, MentorType.UDDANNELSESINSTITUTION}


def _gyldige_timer(timer_pr_uge: Decimal | None) -> bool:
    """Hours per week are the caseworker's judgement, but more than 0 and at most 37."""
    return timer_pr_uge is not None and 0 < timer_pr_uge <= MAX_TIMER_PR_UGE


def seneste_slutdato(start: date) -> date:
    """At most 6 months: end <= start + 6 months - 1 day (LAB §31c)."""
    return start + relativedelta(months=6) - timedelta(days=1)


def _d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


def _require_caseworker(user: User, forloeb: Forloeb) -> None:
    if not permissions.is_case_worker_for(user, forloeb):
        raise PermissionDenied


def _require_open(forloeb: Forloeb) -> None:
    if forloeb.status == Status.AFSLUTTET:
        raise ValidationError(_("Forløbet er afsluttet og kan ikke ændres."), code="afsluttet")


def _lock(forloeb: Forloeb, version: int | None = None) -> Forloeb:
    """Lock the course row; with `version`, refuse if someone else saved in between."""
    locked = Forloeb.objects.select_for_update().get(pk=forloeb.pk)
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Forløbet er ændret af en anden, siden du åbnede det. Genindlæs siden, og "
                "foretag ændringen igen."
            ),
            code="konflikt",
        )
    return locked


def _bump(forloeb: Forloeb, reason: str = "") -> None:
    forloeb.version += 1
    forloeb._change_reason = reason
    forloeb.save()


# --- Citizens -----------------------------------------------------------------------------


@transaction.atomic
def opret_borger(*, user: User, cpr_nummer: str, navn: str, ydelsesgruppe: str, **fields) -> Borger:
    permissions.require_role(user, Rolle.SAGSBEHANDLER)
    try:
        digits = cpr.normalise(cpr_nummer)
    except ValidationError as exc:
        raise ValidationError({"cpr_nummer": exc.messages}) from None
    lookup = cpr.lookup_hash(digits)
    if Borger.objects.filter(organisation_id=user.organisation_id, cpr_hash=lookup).exists():
        raise ValidationError(
            {"cpr_nummer": _("Der findes allerede en borger med dette CPR-nummer.")}
        )
    if not (navn or "").strip():
        raise ValidationError({"navn": _("Angiv borgerens navn.")})
    borger = Borger(
        organisation_id=user.organisation_id,
        cpr_krypteret=cpr.encrypt(digits),
        cpr_hash=lookup,
        foedselsdato=cpr.birth_date(digits),
        navn=navn.strip(),
        ydelsesgruppe=ydelsesgruppe,
        **fields,
    )
    borger.full_clean(exclude=["cpr_krypteret", "cpr_hash"])
    borger.save()
    return borger


@transaction.atomic
def afsloer_cpr(*, user: User, borger: Borger, ip=None) -> str:
    if not permissions.may_reveal_cpr(user) or user.organisation_id != borger.organisation_id:
        raise PermissionDenied
    log_adgang(user=user, handling=Handling.VIS_CPR, borger=borger, ip=ip)
    return borger.cpr_fuldt()


# --- Courses -----------------------------------------------------------------------------


@transaction.atomic
def opret_forloeb(*, user: User, borger: Borger, team: Team, **fields) -> Forloeb:
    if (
        not permissions.has_role(user, Rolle.SAGSBEHANDLER)
        or not user.teams.filter(pk=team.pk).exists()
    ):
        raise ValidationError({"team": _("Du kan kun oprette forløb i dine egne teams.")})
    if borger.organisation_id != user.organisation_id:
        raise PermissionDenied
    forloeb = Forloeb(
        organisation_id=user.organisation_id, team=team, borger=borger, sagsbehandler=user, **fields
    )
    _validate_course_fields(forloeb)
    forloeb.save()
    return forloeb


def _validate_course_fields(forloeb: Forloeb) -> None:
    forloeb.full_clean(exclude=["organisation", "team", "borger", "sagsbehandler", "mentor"])
    if forloeb.lovgrundlag == Lovgrundlag.PSYKIATRI and not forloeb.udskrivningsdato:
        raise ValidationError(
            {"udskrivningsdato": _("Angiv udskrivningsdatoen, når lovgrundlaget er psykiatri.")}
        )


@transaction.atomic
def opdater_forloeb(*, user: User, forloeb: Forloeb, version: int, **fields) -> Forloeb:
    """Edit purpose, goal, tasks etc. with optimistic locking on `version`."""
    _require_caseworker(user, forloeb)
    locked = _lock(forloeb, version)
    _require_open(locked)
    allowed = {
        "formaal",
        "maal",
        "opgaver",
        "stoettetype",
        "lovgrundlag",
        "udskrivningsdato",
        "ud_over_normalt",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(locked, name, value)
    _validate_course_fields(locked)
    _bump(locked)
    return locked


def mentor_belastning(mentor: Mentor) -> int:
    return Forloeb.objects.filter(mentor=mentor, status=Status.AKTIV).count()


@transaction.atomic
def tildel_mentor(
    *,
    user: User,
    forloeb: Forloeb,
    mentor: Mentor,
    fra: date | None = None,
    begrundelse: str = "",
    tilsidesaet_begrundelse: str = "",
) -> Mentortilknytning:
    """Assign the course's mentor, or change it (with a reason). One mentor at a time.

    The caseworker may do both; the coordinator may match a course on the waiting list."""
    if not (
        permissions.is_case_worker_for(user, forloeb) or permissions.may_match_mentor(user, forloeb)
    ):
        raise PermissionDenied
    locked = _lock(forloeb)
    if locked.mentor_id and not permissions.is_case_worker_for(user, locked):
        raise PermissionDenied
    _require_open(locked)
    fra = fra or timezone.localdate()
    if mentor.organisation_id != locked.organisation_id:
        raise ValidationError({"mentor": _("Mentoren hører ikke til din organisation.")})
    if locked.mentor_id == mentor.pk:
        raise ValidationError(
            {"mentor": _("%(navn)s er allerede mentor på forløbet.") % {"navn": mentor}}
        )
    # Serialise capacity checks for one mentor across concurrent assignments.
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    belastning = mentor_belastning(mentor)
    problem = None
    if not mentor.aktiv:
        problem = _("%(navn)s er ikke aktiv som mentor.") % {"navn": mentor}
    elif belastning >= mentor.kapacitet:
        problem = _(
            "%(navn)s har ingen ledig kapacitet (%(antal)s af %(kapacitet)s aktive forløb)."
        ) % {"navn": mentor, "antal": belastning, "kapacitet": mentor.kapacitet}
    if problem and not tilsidesaet_begrundelse.strip():
        raise ValidationError(
            {"mentor": problem + " " + _("Angiv en begrundelse, hvis du vil tilknytte alligevel.")}
        )
    current = locked.tilknytninger.filter(til__isnull=True).first()
    if current:
        if not begrundelse.strip():
            raise ValidationError({"begrundelse": _("Angiv en begrundelse for mentorskiftet.")})
        if fra <= current.fra:
            raise ValidationError(
                {
                    "fra": _("Skiftet skal ligge efter den nuværende mentors start (%(dato)s).")
                    % {"dato": _d(current.fra)}
                }
            )
        current.til = fra - timedelta(days=1)
        current._change_reason = begrundelse
        current.save()
    tilknytning = Mentortilknytning.objects.create(
        forloeb=locked,
        mentor=mentor,
        fra=fra,
        begrundelse=begrundelse,
        tilsidesat_begrundelse=tilsidesaet_begrundelse if problem else "",
        oprettet_af=user,
    )
    locked.mentor = mentor
    _bump(locked, begrundelse or _("Mentor tilknyttet"))
    forloeb.mentor, forloeb.version = mentor, locked.version
    return tilknytning


@transaction.atomic
def bevilg_periode(
    *,
    user: User,
    forloeb: Forloeb,
    start: date,
    slut: date,
    timer_pr_uge: Decimal,
    kvalifikationer: str,
    vurdering: str = "",
    besluttet: date | None = None,
) -> Bevilling:
    """Grant a period of at most 6 months and generate its written agreement."""
    _require_caseworker(user, forloeb)
    locked = _lock(forloeb)
    _require_open(locked)
    errors: dict[str, list[str]] = {}

    def fejl(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field, label in (
        ("formaal", _("formål")),
        ("maal", _("konkret mål")),
        ("opgaver", _("mentorens opgaver")),
    ):
        if not str(getattr(locked, field) or "").strip():
            message = _("Forløbet mangler %(felt)s; det skal beskrives før bevilling (LAB §31b).")
            fejl(field, message % {"felt": label})
    if locked.mentor_id is None:
        fejl("mentor", _("Forløbet har ingen mentor; tilknyt en mentor før bevilling."))
    elif locked.mentor.type in SKAL_GAA_UD_OVER_NORMALT and not locked.ud_over_normalt.strip():
        fejl(
            "ud_over_normalt",
            _(
                "Når en virksomhed eller uddannelsesinstitution er mentor, skal det vurderes, at "
                "indsatsen går ud over det sædvanlige."
            ),
        )
    if not (kvalifikationer or "").strip():
        fejl("kvalifikationer", _("Beskriv, hvorfor mentoren er kvalificeret til opgaven."))
    if not _gyldige_timer(timer_pr_uge):
        fejl("timer_pr_uge", TIMER_FEJL)
    for field, value in (("start", start), ("slut", slut)):
        if value and not 1900 <= value.year <= 2100:
            # Also keeps the month arithmetic below from overflowing on absurd input.
            fejl(field, _("Datoen ligger uden for det mulige tidsrum (1900–2100)."))
    if errors:
        raise ValidationError(errors)
    if start and slut:
        if slut < start:
            fejl("slut", _("Slutdatoen ligger før startdatoen."))
        elif slut > seneste_slutdato(start):
            fejl(
                "slut",
                _(
                    "En bevillingsperiode må højst vare 6 måneder (LAB §31c). Seneste slutdato "
                    "for en periode, der starter %(start)s, er %(slut)s."
                )
                % {"start": _d(start), "slut": _d(seneste_slutdato(start))},
            )
        overlap = locked.bevillinger.filter(start__lte=slut, slut__gte=start).first()
        if overlap:
            fejl(
                "start",
                _("Perioden overlapper en eksisterende periode (%(periode)s).")
                % {"periode": overlap},
            )
    first = not locked.bevillinger.exists()
    if not first and not (vurdering or "").strip():
        fejl("vurdering", _("En ny periode kræver en skriftlig, konkret vurdering (LAB §31c)."))
    if first and start and locked.lovgrundlag == Lovgrundlag.PSYKIATRI and locked.udskrivningsdato:
        earliest = locked.udskrivningsdato - relativedelta(months=3)
        if start < earliest:
            fejl(
                "start",
                _(
                    "Ved udskrivning fra psykiatrien kan første periode tidligst starte "
                    "3 måneder før udskrivning (%(dato)s)."
                )
                % {"dato": _d(earliest)},
            )
    if errors:
        raise ValidationError(errors)

    try:
        with transaction.atomic():
            bevilling = Bevilling.objects.create(
                forloeb=locked,
                start=start,
                slut=slut,
                timer_pr_uge=timer_pr_uge,
                kvalifikationer=kvalifikationer,
                vurdering=vurdering,
                besluttet=besluttet or timezone.localdate(),
                besluttet_af=user,
            )
    except IntegrityError:
        raise ValidationError(
            {"start": _("Perioden overlapper en eksisterende periode.")}
        ) from None
    mentor = locked.mentor
    Mentoraftale.objects.create(
        bevilling=bevilling,
        maal=locked.maal,
        mentor_navn=mentor.navn,
        mentor_kontakt=mentor.kontakt or mentor.arbejdsgiver,
        opgaver=locked.opgaver,
        start=start,
        slut=slut,
        timer_pr_uge=timer_pr_uge,
        klagevejledning=KLAGEVEJLEDNING,
    )
    if locked.status == Status.KLADDE:
        locked.status = Status.AKTIV
    _bump(locked, _("Periode bevilget"))
    return bevilling


@transaction.atomic
def udlever_aftale(*, user: User, aftale: Mentoraftale, dato: date, maade: str) -> Mentoraftale:
    _require_caseworker(user, aftale.bevilling.forloeb)
    if not maade:
        raise ValidationError({"udleveringsmaade": _("Angiv hvordan aftalen blev udleveret.")})
    if dato > timezone.localdate():
        raise ValidationError({"udleveret": _("Udleveringsdatoen kan ikke ligge i fremtiden.")})
    aftale.udleveret, aftale.udleveringsmaade = dato, maade
    aftale.save()
    return aftale


@transaction.atomic
def aendr_timer(
    *, user: User, bevilling: Bevilling, gaelder_fra: date, timer_pr_uge: Decimal, begrundelse: str
) -> Timeaendring:
    """A change of hours within a period is its own recorded decision."""
    _require_caseworker(user, bevilling.forloeb)
    _require_open(_lock(bevilling.forloeb))
    if not bevilling.start <= gaelder_fra <= bevilling.slut:
        raise ValidationError(
            {
                "gaelder_fra": _("Ændringen skal gælde fra en dato i perioden (%(periode)s).")
                % {"periode": bevilling}
            }
        )
    if not _gyldige_timer(timer_pr_uge):
        raise ValidationError({"timer_pr_uge": TIMER_FEJL})
    if not (begrundelse or "").strip():
        raise ValidationError({"begrundelse": _("Angiv en begrundelse for ændringen af timer.")})
    if bevilling.timeaendringer.filter(gaelder_fra=gaelder_fra).exists():
        raise ValidationError({"gaelder_fra": _("Der er allerede en timeændring fra denne dato.")})
    return Timeaendring.objects.create(
        bevilling=bevilling,
        gaelder_fra=gaelder_fra,
        timer_pr_uge=timer_pr_uge,
        begrundelse=begrundelse,
        besluttet_af=user,
    )


# --- Meetings, work points, reports, follow-up -------------------------------------------


def _require_caseworker_or_mentor(user: User, forloeb: Forloeb) -> None:
    if not (
        permissions.is_case_worker_for(user, forloeb)
        or permissions.is_current_mentor_of(user, forloeb)
    ):
        raise PermissionDenied


@transaction.atomic
def registrer_moede(
    *,
    user: User,
    forloeb: Forloeb,
    type: str,
    dato: date,
    deltagere=(),
    referat="",
    beslutninger="",
) -> Moede:
    _require_caseworker(user, forloeb)
    if dato > timezone.localdate() + timedelta(days=365):
        raise ValidationError({"dato": _("Mødedatoen ligger urimeligt langt ude i fremtiden.")})
    moede = Moede(
        forloeb=forloeb,
        type=type,
        dato=dato,
        deltagere=list(deltagere),
        referat=referat,
        beslutninger=beslutninger,
        oprettet_af=user,
    )
    moede.full_clean()
    moede.save()
    return moede


@transaction.atomic
def registrer_opfoelgning(
    *,
    user: User,
    forloeb: Forloeb,
    dato: date,
    leveret: str,
    kontakt_som_bevilget: bool,
    note: str = "",
    naeste_dato: date | None = None,
) -> Opfoelgning:
    _require_caseworker(user, forloeb)
    if dato > timezone.localdate():
        raise ValidationError({"dato": _("En opfølgning kan ikke dateres i fremtiden.")})
    if naeste_dato and naeste_dato <= dato:
        raise ValidationError({"naeste_dato": _("Næste opfølgning skal ligge efter denne.")})
    if leveret != "ja" and not (note or "").strip():
        raise ValidationError(
            {"note": _("Beskriv, hvad der ikke blev leveret, og hvad du gør ved det.")}
        )
    opf = Opfoelgning(
        forloeb=forloeb,
        dato=dato,
        leveret=leveret,
        kontakt_som_bevilget=kontakt_som_bevilget,
        note=note,
        naeste_dato=naeste_dato,
        udfoert_af=user,
    )
    opf.full_clean()
    opf.save()
    return opf


@transaction.atomic
def opret_arbejdspunkt(*, user: User, forloeb: Forloeb, titel: str) -> Arbejdspunkt:
    _require_caseworker_or_mentor(user, forloeb)
    _require_open(forloeb)
    if not (titel or "").strip():
        raise ValidationError({"titel": _("Beskriv arbejdspunktet.")})
    return Arbejdspunkt.objects.create(forloeb=forloeb, titel=titel.strip())


@transaction.atomic
def aendr_arbejdspunkt_status(
    *, user: User, arbejdspunkt: Arbejdspunkt, status: str
) -> Arbejdspunkt:
    """Mark a work point achieved or dropped (or back in progress); kept in history."""
    _require_caseworker_or_mentor(user, arbejdspunkt.forloeb)
    _require_open(arbejdspunkt.forloeb)
    if status not in Arbejdspunktstatus.values:
        raise ValidationError({"status": _("Vælg en gyldig status for arbejdspunktet.")})
    arbejdspunkt.status = status
    arbejdspunkt.save()
    return arbejdspunkt


@transaction.atomic
def vurder_progression(
    *, user: User, arbejdspunkt: Arbejdspunkt, vurderet_af: str, score: int, kommentar: str = ""
) -> Progressionsvurdering:
    """Mentor and citizen each rate progress; the mentor or caseworker records the citizen's."""
    _require_caseworker_or_mentor(user, arbejdspunkt.forloeb)
    _require_open(arbejdspunkt.forloeb)
    if vurderet_af not in Vurderer.values:
        raise ValidationError({"vurderet_af": _("Vælg, hvis vurdering det er.")})
    if score is None or not 1 <= int(score) <= 5:
        raise ValidationError({"score": _("Vurderingen skal være fra 1 til 5.")})
    return Progressionsvurdering.objects.create(
        arbejdspunkt=arbejdspunkt,
        vurderet_af=vurderet_af,
        score=score,
        kommentar=kommentar,
        registreret_af=user,
    )


@transaction.atomic
def skriv_statusrapport(*, user: User, forloeb: Forloeb, tekst: str) -> Statusrapport:
    if not permissions.is_current_mentor_of(user, forloeb):
        raise PermissionDenied
    _require_open(forloeb)
    if not (tekst or "").strip():
        raise ValidationError({"tekst": _("Skriv statusrapporten.")})
    return Statusrapport.objects.create(forloeb=forloeb, mentor=forloeb.mentor, tekst=tekst.strip())


@transaction.atomic
def afslut_forloeb(
    *,
    user: User,
    forloeb: Forloeb,
    dato: date,
    aarsag: str,
    borger_vurdering: int | None,
    mentor_vurdering: int | None,
    exitplan: str = "",
) -> Afslutning:
    """End the course: a reason and both voices' rating of how close the goal is."""
    _require_caseworker(user, forloeb)
    locked = _lock(forloeb)
    _require_open(locked)
    errors = {}
    if not aarsag:
        errors["aarsag"] = _("Angiv en årsag til afslutningen.")
    for field in ("borger_vurdering", "mentor_vurdering"):
        value = {"borger_vurdering": borger_vurdering, "mentor_vurdering": mentor_vurdering}[field]
        if value is None or not 1 <= int(value) <= 5:
            errors[field] = _("Angiv en vurdering fra 1 til 5.")
    if dato and dato > timezone.localdate():
        errors["dato"] = _("Slutdatoen kan ikke ligge i fremtiden.")
    first = locked.bevillinger.order_by("start").first()
    if dato and first and dato < first.start:
        errors["dato"] = _("Slutdatoen ligger før første bevillingsperiode.")
    if errors:
        raise ValidationError(errors)
    afslutning = Afslutning.objects.create(
        forloeb=locked,
        dato=dato,
        aarsag=aarsag,
        borger_vurdering=borger_vurdering,
        mentor_vurdering=mentor_vurdering,
        exitplan=exitplan,
        afsluttet_af=user,
    )
    current = locked.tilknytninger.filter(til__isnull=True).first()
    if current:
        current.til = max(dato, current.fra)
        current.save()
    locked.status = Status.AFSLUTTET
    _bump(locked, _("Forløb afsluttet"))
    return afslutning


@transaction.atomic
def registrer_resultat(*, user: User, forloeb: Forloeb, maaned: int, resultat: str) -> Resultat:
    _require_caseworker(user, forloeb)
    if forloeb.status != Status.AFSLUTTET:
        raise ValidationError({"maaned": _("Resultater registreres efter afslutning.")})
    due = forloeb.afslutning.dato + relativedelta(months=int(maaned))
    if due > timezone.localdate():
        raise ValidationError(
            {
                "maaned": _("Resultatet efter %(m)s måneder kan først registreres %(dato)s.")
                % {"m": maaned, "dato": _d(due)}
            }
        )
    obj, _created = Resultat.objects.update_or_create(
        forloeb=forloeb, maaned=maaned, defaults={"resultat": resultat, "registreret_af": user}
    )
    return obj
