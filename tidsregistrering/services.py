"""Every write to a week registration: the mentor registers, the caseworker approves/reopens.

Rules (PRODUCT.md §5) live here and nowhere else; forms, API and jobs all call these
functions. A violation raises `ValidationError({field: Danish message})`; a user with no
standing on the course gets `PermissionDenied`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drift import outbox
from forloeb.models import (
    Bevilling,
    Emne,
    Forloeb,
    IngenKontaktAarsag,
    Kontaktform,
    Mentortilknytning,
)
from organisation import permissions
from organisation.models import Rolle, User

from .models import Kontakt, Ugeregistrering

MAX_MINUTTER_PR_UGE = 37 * 60


def _genvurder(forloeb_id: int) -> None:
    """Re-evaluate the course's compliance rules once this write commits (the outbox)."""
    outbox.enqueue("compliance.evaluer_forloeb", forloeb_id=forloeb_id)


# --- ISO weeks ------------------------------------------------------------------------------


def uge_mandag(aar: int, uge: int) -> date:
    """Monday of an ISO week; ValidationError for a week that does not exist."""
    try:
        return date.fromisocalendar(int(aar), int(uge), 1)
    except (TypeError, ValueError):
        raise ValidationError({"uge": _("Ugen findes ikke.")}) from None


def iso_uge(dato: date) -> tuple[int, int]:
    aar, uge, _weekday = dato.isocalendar()
    return aar, uge


def denne_uge() -> tuple[int, int]:
    return iso_uge(timezone.localdate())


def forrige_uge() -> tuple[int, int]:
    return iso_uge(timezone.localdate() - timedelta(weeks=1))


def _d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


@dataclass(frozen=True)
class KontaktData:
    dato: date
    minutter: int
    form: str
    emner: tuple[str, ...]


def _fejl(errors: dict, field: str, message: str) -> None:
    messages = errors.setdefault(field, [])
    if message not in messages:
        messages.append(message)


def _tilknytning_i_ugen(user: User, forloeb: Forloeb, mandag: date) -> Mentortilknytning | None:
    """The user's mentor assignment on the course overlapping the week, if any."""
    soendag = mandag + timedelta(days=6)
    return (
        Mentortilknytning.objects.select_related("mentor")
        .filter(forloeb=forloeb, mentor__bruger=user, fra__lte=soendag)
        .exclude(til__lt=mandag)
        .order_by("-fra")
        .first()
    )


def _normaliser_kontakter(kontakter: list[dict], errors: dict) -> list[KontaktData]:
    result = []
    forms = set(Kontaktform.values)
    emner_ok = set(Emne.values)
    for item in kontakter or []:
        dato = item.get("dato")
        if not isinstance(dato, date):
            _fejl(errors, "kontakter", _("Angiv kontaktens dato."))
            continue
        try:
            minutter = int(item.get("minutter") or 0)
        except (TypeError, ValueError):
            minutter = 0
        if minutter <= 0:
            _fejl(errors, "kontakter", _("Minutter skal være mere end 0."))
        form = item.get("form") or ""
        if form not in forms:
            _fejl(errors, "kontakter", _("Vælg en kontaktform."))
        emner = tuple(item.get("emner") or ())
        if any(e not in emner_ok for e in emner):
            _fejl(errors, "kontakter", _("Ukendt emne."))
        result.append(KontaktData(dato, minutter, form, emner))
    return result


def _valider(
    *,
    user: User,
    forloeb: Forloeb,
    aar: int,
    uge: int,
    kontakter: list[KontaktData],
    ingen_kontakt_aarsag: str,
    errors: dict,
) -> Mentortilknytning:
    mandag = uge_mandag(aar, uge)
    soendag = mandag + timedelta(days=6)
    today = timezone.localdate()
    label = {"uge": uge, "aar": aar}

    if not permissions.has_role(user, Rolle.MENTOR) or (
        not Mentortilknytning.objects.filter(forloeb=forloeb, mentor__bruger=user).exists()
    ):
        raise PermissionDenied
    tilknytning = _tilknytning_i_ugen(user, forloeb, mandag)
    if tilknytning is None:
        _fejl(
            errors,
            "uge",
            _("Du var ikke mentor på forløbet i uge %(uge)s/%(aar)s og kan ikke registrere den.")
            % label,
        )
    if mandag > today:
        _fejl(errors, "uge", _("Uge %(uge)s/%(aar)s er ikke begyndt endnu.") % label)
    perioder = list(Bevilling.objects.filter(forloeb=forloeb, start__lte=soendag, slut__gte=mandag))
    if not perioder:
        _fejl(
            errors,
            "uge",
            _("Uge %(uge)s/%(aar)s ligger uden for forløbets bevilgede perioder.") % label,
        )
    afslutning_dato = getattr(getattr(forloeb, "afslutning", None), "dato", None)

    if kontakter and ingen_kontakt_aarsag:
        _fejl(
            errors,
            "ingen_kontakt_aarsag",
            _("Angiv enten kontakter eller en årsag til ingen kontakt, ikke begge."),
        )
    elif not kontakter and not ingen_kontakt_aarsag:
        _fejl(
            errors,
            "kontakter",
            _("Registrér mindst én kontakt, eller angiv årsagen til, at der ikke var kontakt."),
        )
    if ingen_kontakt_aarsag and ingen_kontakt_aarsag not in IngenKontaktAarsag.values:
        _fejl(errors, "ingen_kontakt_aarsag", _("Vælg en gyldig årsag."))

    for k in kontakter:
        dag = {"dato": _d(k.dato), **label}
        if not mandag <= k.dato <= soendag:
            _fejl(
                errors,
                "kontakter",
                _("Kontakten den %(dato)s ligger ikke i uge %(uge)s/%(aar)s.") % dag,
            )
            continue
        if k.dato > today:
            _fejl(errors, "kontakter", _("Kontakten den %(dato)s ligger i fremtiden.") % dag)
        if perioder and not any(p.start <= k.dato <= p.slut for p in perioder):
            _fejl(
                errors,
                "kontakter",
                _("Kontakten den %(dato)s ligger uden for den bevilgede periode.") % dag,
            )
        if afslutning_dato and k.dato > afslutning_dato:
            _fejl(
                errors,
                "kontakter",
                _("Kontakten den %(dato)s ligger efter forløbets afslutning.") % dag,
            )
        if tilknytning and not (
            tilknytning.fra <= k.dato and (tilknytning.til is None or k.dato <= tilknytning.til)
        ):
            _fejl(
                errors,
                "kontakter",
                _("Du var ikke mentor på forløbet den %(dato)s.") % dag,
            )

    total = sum(k.minutter for k in kontakter)
    if total > MAX_MINUTTER_PR_UGE:
        timer, minutter = divmod(total, 60)
        _fejl(
            errors,
            "kontakter",
            _("Højst 37 timer pr. uge; der er registreret %(t)s t %(m)s min.")
            % {"t": timer, "m": minutter},
        )
    return tilknytning


def _kontakter_ens(registrering: Ugeregistrering, kontakter: list[KontaktData]) -> bool:
    current = sorted(
        (k.dato, k.minutter, k.form, tuple(k.emner)) for k in registrering.kontakter.all()
    )
    return current == sorted((k.dato, k.minutter, k.form, k.emner) for k in kontakter)


def _gem(
    *,
    user: User,
    forloeb: Forloeb,
    aar: int,
    uge: int,
    tilknytning: Mentortilknytning,
    kontakter: list[KontaktData],
    aarsag: str,
    note: str,
    version: int | None,
) -> Ugeregistrering:
    registrering = (
        Ugeregistrering.objects.select_for_update()
        .filter(forloeb=forloeb, aar=aar, uge=uge)
        .first()
    )
    if registrering is None:
        registrering = Ugeregistrering(
            forloeb=forloeb,
            aar=aar,
            uge=uge,
            uge_start=uge_mandag(aar, uge),
            registreret_af=user,
        )
        reason = _("Uge registreret")
    else:
        if registrering.er_godkendt:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "Ugen er godkendt og låst. Bed sagsbehandleren om at genåbne den."
                    )
                }
            )
        same = (
            _kontakter_ens(registrering, kontakter)
            and registrering.ingen_kontakt_aarsag == aarsag
            and registrering.ingen_kontakt_note == note
        )
        if same:
            # A repeated identical submit (double click, flaky connection): nothing to do.
            return registrering
        if version is not None and registrering.version != version:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "Ugen er ændret, siden du åbnede den. Se den gemte registrering, og "
                        "ret den igen."
                    )
                }
            )
        if registrering.mentor_id != tilknytning.mentor_id:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "Ugen er registreret af en anden mentor. Kontakt sagsbehandleren."
                    )
                }
            )
        registrering.version += 1
        reason = _("Uge ændret")
    registrering.mentor = tilknytning.mentor
    registrering.ingen_kontakt_aarsag = aarsag
    registrering.ingen_kontakt_note = note
    registrering.minutter_i_alt = sum(k.minutter for k in kontakter)
    registrering._change_reason = reason
    registrering._history_user = user
    registrering.save()
    registrering.kontakter.all().delete()
    for k in kontakter:
        kontakt = Kontakt(
            registrering=registrering,
            dato=k.dato,
            minutter=k.minutter,
            form=k.form,
            emner=list(k.emner),
        )
        kontakt._history_user = user
        kontakt.save()
    _genvurder(forloeb.pk)
    return registrering


def registrer_uge(
    *,
    user: User,
    forloeb: Forloeb,
    aar: int,
    uge: int,
    kontakter: list[dict],
    ingen_kontakt_aarsag: str = "",
    ingen_kontakt_note: str = "",
    version: int | None = None,
) -> Ugeregistrering:
    """Create or replace a week's contacts (or its no-contact reason).

    Idempotent: an identical repeat returns the saved week, and two concurrent first
    submits end with one row (the unique constraint decides; the loser retries as an edit).
    """
    errors: dict[str, list[str]] = {}
    data = _normaliser_kontakter(kontakter, errors)
    aarsag = (ingen_kontakt_aarsag or "").strip()
    note = (ingen_kontakt_note or "").strip()
    if len(note) > 300:
        _fejl(errors, "ingen_kontakt_note", _("Bemærkningen må højst være 300 tegn."))
    tilknytning = _valider(
        user=user,
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        kontakter=data,
        ingen_kontakt_aarsag=aarsag,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _gem(
                    user=user,
                    forloeb=forloeb,
                    aar=int(aar),
                    uge=int(uge),
                    tilknytning=tilknytning,
                    kontakter=data,
                    aarsag=aarsag,
                    note=note,
                    version=version,
                )
        except IntegrityError:
            # Another request inserted the same week first; retry as an update.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


# --- Approval -------------------------------------------------------------------------------


def _require_caseworker(user: User, forloeb: Forloeb) -> None:
    if not permissions.is_case_worker_for(user, forloeb):
        raise PermissionDenied


def _godkend(user: User, registrering: Ugeregistrering, now) -> bool:
    if registrering.er_godkendt:
        return False
    if registrering.uge_start + timedelta(days=6) >= timezone.localdate():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Uge %(uge)s/%(aar)s er ikke slut endnu og kan ikke godkendes.")
                % {"uge": registrering.uge, "aar": registrering.aar}
            }
        )
    registrering.godkendt = now
    registrering.godkendt_af = user
    registrering.version += 1
    registrering._change_reason = _("Godkendt")
    registrering._history_user = user
    registrering.save()
    return True


@transaction.atomic
def godkend_uge(*, user: User, registrering: Ugeregistrering) -> Ugeregistrering:
    """The caseworker approves a week; it is locked until reopened."""
    _require_caseworker(user, registrering.forloeb)
    locked = Ugeregistrering.objects.select_for_update().get(pk=registrering.pk)
    if _godkend(user, locked, timezone.now()):
        _genvurder(locked.forloeb_id)
    return locked


@transaction.atomic
def godkend_uger(*, user: User, forloeb: Forloeb, registreringer) -> int:
    """Approve all given weeks of the course that have ended; returns how many were approved."""
    _require_caseworker(user, forloeb)
    ids = [r.pk if isinstance(r, Ugeregistrering) else int(r) for r in registreringer]
    today = timezone.localdate()
    now = timezone.now()
    antal = 0
    for registrering in (
        Ugeregistrering.objects.select_for_update()
        .filter(pk__in=ids, forloeb=forloeb, godkendt__isnull=True)
        .filter(uge_start__lt=today - timedelta(days=6))
        .order_by("pk")
    ):
        antal += _godkend(user, registrering, now)
    if antal:
        _genvurder(forloeb.pk)
    return antal


@transaction.atomic
def genaabn_uge(*, user: User, registrering: Ugeregistrering, begrundelse: str) -> Ugeregistrering:
    """Reopen an approved week so the mentor can correct it. The reason goes to the history."""
    _require_caseworker(user, registrering.forloeb)
    begrundelse = (begrundelse or "").strip()
    if not begrundelse:
        raise ValidationError({"begrundelse": _("Angiv en begrundelse for at genåbne ugen.")})
    locked = Ugeregistrering.objects.select_for_update().get(pk=registrering.pk)
    if not locked.er_godkendt:
        raise ValidationError({NON_FIELD_ERRORS: _("Ugen er ikke godkendt.")})
    locked.godkendt = None
    locked.godkendt_af = None
    locked.genaabnet = timezone.now()
    locked.genaabnet_af = user
    locked.genaabnet_begrundelse = begrundelse
    locked.version += 1
    locked._change_reason = _("Genåbnet: %(begrundelse)s") % {"begrundelse": begrundelse}
    locked._history_user = user
    locked.save()
    _genvurder(locked.forloeb_id)
    return locked
