"""The mentor registers a week: its contacts, or the reason there was none.

Rules (PRODUCT.md §5) live here and nowhere else; Min uge, the API and imports call these
functions. Each mentor registers her own part of a week (tidsregistrering.dele) in her own
row; she can never touch days she was not the mentor or another mentor's row. A second
write of an existing row names the `version` it builds on, so nothing is overwritten
unseen; an identical repeat (a double tap) is a no-op. The week's total across mentors
stays within 37 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from drift import outbox
from forloeb.models import Bevilling, Emne, Forloeb, Mentortilknytning
from organisation import permissions
from organisation.models import Rolle, User

from .. import dele
from ..choices import IngenKontaktAarsag, Kontaktform
from ..models import Kontakt, Ugeregistrering
from ..uger import uge_mandag

MAX_MINUTTER_PR_UGE = 37 * 60
MAX_NOTE = 300
AENDRET = _lazy("Ugen er ændret, siden du åbnede den. Se den gemte registrering, og ret den igen.")


def _d(value: date) -> str:
    return f"{value:%d.%m.%Y}"


@dataclass(frozen=True)
class KontaktData:
    dato: date
    minutter: int
    form: str
    emner: tuple[str, ...]

    def noegle(self):
        return (self.dato, self.minutter, self.form, tuple(sorted(self.emner)))


class _Fejl(dict):
    def __call__(self, field: str, message: str) -> None:
        messages = self.setdefault(field, [])
        if message not in messages:
            messages.append(message)


def _normaliser(kontakter, fejl: _Fejl) -> list[KontaktData]:
    result = []
    for item in kontakter or []:
        dato = item.get("dato")
        if not isinstance(dato, date):
            fejl("kontakter", _("Angiv kontaktens dato."))
            continue
        try:
            minutter = int(item.get("minutter") or 0)
        except (TypeError, ValueError):
            minutter = 0
        if minutter <= 0:
            fejl("kontakter", _("En kontakt skal vare mere end 0 minutter."))
        form = item.get("form") or ""
        if form not in Kontaktform.values:
            fejl("kontakter", _("Vælg en kontaktform."))
        emner = tuple(item.get("emner") or ())
        if any(e not in Emne.values for e in emner):
            fejl("kontakter", _("Ukendt emne."))
        result.append(KontaktData(dato, minutter, form, emner))
    return result


def _varighed(minutter: int) -> str:
    timer, rest = divmod(minutter, 60)
    return _("%(t)s t %(m)s min") % {"t": timer, "m": rest}


def _mentor_for(user: User, forloeb: Forloeb):
    """The user's mentor profile on the course, or PermissionDenied."""
    if not permissions.has_role(user, Rolle.MENTOR):
        raise PermissionDenied
    tilknytning = (
        Mentortilknytning.objects.select_related("mentor")
        .filter(forloeb=forloeb, mentor__bruger=user)
        .order_by("-fra")
        .first()
    )
    if tilknytning is None:
        raise PermissionDenied
    return tilknytning.mentor


def _valider(
    *,
    forloeb: Forloeb,
    mentor,
    aar: int,
    uge: int,
    kontakter: list[KontaktData],
    aarsag: str,
    note: str,
    fejl: _Fejl,
    fakta: tuple | None = None,
) -> date:
    mandag = uge_mandag(aar, uge)
    today = timezone.localdate()
    label = {"uge": uge, "aar": aar}
    afslutning, perioder, tilknytninger = fakta or _fakta(forloeb)
    mine = dele.mentorens_dage(
        mandag=mandag,
        perioder=perioder,
        tilknytninger=tilknytninger,
        mentor_id=mentor.pk,
        afslutning=afslutning,
    )
    if mandag > today:
        fejl("uge", _("Uge %(uge)s, %(aar)s er ikke begyndt endnu.") % label)
    elif not dele.dage(mandag=mandag, perioder=perioder, tilknytninger=tilknytninger):
        fejl("uge", _("Uge %(uge)s, %(aar)s ligger uden for forløbets bevilgede perioder.") % label)
    elif not mine:
        fejl(
            "uge",
            _("Du var ikke mentor på forløbet i uge %(uge)s, %(aar)s og kan ikke registrere den.")
            % label,
        )
    if kontakter and aarsag:
        fejl(
            "ingen_kontakt_aarsag",
            _("Angiv enten kontakter eller en årsag til ingen kontakt, ikke begge."),
        )
    elif not kontakter and not aarsag:
        fejl(
            "kontakter",
            _("Registrér mindst én kontakt, eller angiv årsagen til, at der ikke var kontakt."),
        )
    if aarsag and aarsag not in IngenKontaktAarsag.values:
        fejl("ingen_kontakt_aarsag", _("Vælg en gyldig årsag."))
    if len(note) > MAX_NOTE:
        fejl("ingen_kontakt_note", _("Bemærkningen må højst være 300 tegn."))
    for k in kontakter:
        dag = {"dato": _d(k.dato), **label}
        if not mandag <= k.dato <= mandag + timedelta(days=6):
            fejl("kontakter", _("Kontakten den %(dato)s ligger ikke i uge %(uge)s, %(aar)s.") % dag)
        elif k.dato > today:
            fejl("kontakter", _("Kontakten den %(dato)s ligger i fremtiden.") % dag)
        elif afslutning and k.dato > afslutning:
            fejl("kontakter", _("Kontakten den %(dato)s ligger efter forløbets afslutning.") % dag)
        elif not any(p.start <= k.dato <= p.slut for p in perioder):
            fejl(
                "kontakter",
                _("Kontakten den %(dato)s ligger uden for den bevilgede periode.") % dag,
            )
        elif k.dato not in mine:
            fejl("kontakter", _("Du var ikke mentor på forløbet den %(dato)s.") % dag)
    return mandag


def _fakta(forloeb: Forloeb) -> tuple:
    """What a week is judged against: the end date, the periods, the mentor assignments."""
    return (
        getattr(getattr(forloeb, "afslutning", None), "dato", None),
        list(Bevilling.objects.filter(forloeb=forloeb)),
        list(forloeb.tilknytninger.all()),
    )


def _ens(registrering: Ugeregistrering, kontakter: list[KontaktData], aarsag, note) -> bool:
    current = sorted(
        KontaktData(k.dato, k.minutter, k.form, tuple(k.emner)).noegle()
        for k in registrering.kontakter.all()
    )
    return (
        current == sorted(k.noegle() for k in kontakter)
        and registrering.ingen_kontakt_aarsag == aarsag
        and registrering.ingen_kontakt_note == note
    )


def _konflikt(message) -> ValidationError:
    """A write that would overwrite what someone else saved (the API answers 409)."""
    return ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="konflikt")})


def _gem(
    *,
    user: User,
    forloeb: Forloeb,
    mentor,
    aar: int,
    uge: int,
    mandag: date,
    kontakter: list[KontaktData],
    aarsag: str,
    note: str,
    version: int | None,
) -> Ugeregistrering:
    # One writer per course and week at a time: the week's total spans the mentors' rows.
    Forloeb.objects.select_for_update().only("pk").get(pk=forloeb.pk)
    registrering = (
        Ugeregistrering.objects.select_for_update()
        .filter(forloeb=forloeb, aar=aar, uge=uge, mentor=mentor)
        .prefetch_related("kontakter")
        .first()
    )
    andre = (
        Ugeregistrering.objects.filter(forloeb=forloeb, aar=aar, uge=uge)
        .exclude(mentor=mentor)
        .aggregate(m=Sum("minutter_i_alt"))["m"]
        or 0
    )
    total = andre + sum(k.minutter for k in kontakter)
    if total > MAX_MINUTTER_PR_UGE:
        raise ValidationError(
            {
                "kontakter": [
                    _("Højst 37 timer pr. uge; ugen ville få %(v)s i alt.")
                    % {"v": _varighed(total)}
                ]
            }
        )
    if registrering is None:
        if version is not None:
            raise _konflikt(AENDRET)
        registrering = Ugeregistrering(
            forloeb=forloeb, aar=aar, uge=uge, uge_start=mandag, mentor=mentor, registreret_af=user
        )
        reason = _("Uge registreret")
    else:
        if registrering.er_godkendt:
            raise _konflikt(_("Ugen er godkendt og låst. Bed sagsbehandleren om at genåbne den."))
        if _ens(registrering, kontakter, aarsag, note):
            # A repeated identical submit (double click, flaky connection): nothing to do.
            return registrering
        if version is None:
            raise _konflikt(
                _(
                    "Ugen er allerede registreret (version %(v)s). Send versionen med for at "
                    "ændre den, så intet overskrives uset."
                )
                % {"v": registrering.version}
            )
        if registrering.version != version:
            raise _konflikt(AENDRET)
        registrering.version += 1
        reason = _("Uge ændret")
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
    # The week's rules (registered, contact, delivery) once this commits.
    outbox.enqueue("compliance.evaluer_forloeb", forloeb_id=forloeb.pk)
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
    """Create the user's registration of a week, or replace it (naming its `version`).

    Idempotent: an identical repeat returns the saved week, and two concurrent first
    submits end with one row (the unique constraint decides; the loser retries).
    """
    mentor = _mentor_for(user, forloeb)
    fejl = _Fejl()
    data = _normaliser(kontakter, fejl)
    aarsag = (ingen_kontakt_aarsag or "").strip()
    note = (ingen_kontakt_note or "").strip()
    mandag = _valider(
        forloeb=forloeb,
        mentor=mentor,
        aar=aar,
        uge=uge,
        kontakter=data,
        aarsag=aarsag,
        note=note,
        fejl=fejl,
    )
    if fejl:
        raise ValidationError(dict(fejl))
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _gem(
                    user=user,
                    forloeb=forloeb,
                    mentor=mentor,
                    aar=int(aar),
                    uge=int(uge),
                    mandag=mandag,
                    kontakter=data,
                    aarsag=aarsag,
                    note=note,
                    version=version,
                )
        except IntegrityError:
            # Another request inserted the same row first; the retry sees it.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _min_registrering(user: User, forloeb: Forloeb, aar: int, uge: int):
    mentor = _mentor_for(user, forloeb)
    return (
        Ugeregistrering.objects.filter(forloeb=forloeb, aar=aar, uge=uge, mentor=mentor)
        .prefetch_related("kontakter")
        .first()
    )


def _som_dict(k) -> dict:
    return {"dato": k.dato, "minutter": k.minutter, "form": k.form, "emner": list(k.emner)}


def tilfoej_kontakt(
    *, user: User, forloeb: Forloeb, aar: int, uge: int, kontakt: dict, version: int | None
) -> Ugeregistrering:
    """Add one contact to the user's week (a no-contact reason gives way to it). The same
    contact sent twice on a stale page (a double tap) is saved once."""
    current = _min_registrering(user, forloeb, aar, uge)
    eksisterende = [_som_dict(k) for k in current.kontakter.all()] if current else []
    if current is not None and version != current.version:
        ny = _normaliser([kontakt], _Fejl())
        if ny and ny[0].noegle() in {
            KontaktData(k["dato"], k["minutter"], k["form"], tuple(k["emner"])).noegle()
            for k in eksisterende
        }:
            return current
    return registrer_uge(
        user=user,
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        kontakter=eksisterende + [kontakt],
        version=version,
    )


def fjern_kontakt(
    *, user: User, forloeb: Forloeb, aar: int, uge: int, kontakt_id: int, version: int | None
) -> Ugeregistrering:
    """Remove one of the user's contacts; a week keeps at least one contact or a reason."""
    current = _min_registrering(user, forloeb, aar, uge)
    if current is None or not current.kontakter.filter(pk=kontakt_id).exists():
        raise ValidationError({"kontakter": [_("Kontakten findes ikke i ugen.")]})
    resten = [_som_dict(k) for k in current.kontakter.all() if k.pk != kontakt_id]
    if not resten:
        raise ValidationError(
            {"kontakter": [_("Ugen skal have mindst én kontakt eller en årsag.")]}
        )
    return registrer_uge(
        user=user, forloeb=forloeb, aar=aar, uge=uge, kontakter=resten, version=version
    )


def registrer_ingen_kontakt(
    *,
    user: User,
    forloeb: Forloeb,
    aar: int,
    uge: int,
    aarsag: str,
    note: str = "",
    version: int | None,
) -> Ugeregistrering:
    """Register that there was no contact, and why. A week with contacts keeps them."""
    current = _min_registrering(user, forloeb, aar, uge)
    if current is not None and current.kontakter.exists():
        raise ValidationError(
            {
                "ingen_kontakt_aarsag": [
                    _("Ugen har allerede kontakter. Fjern dem først, hvis der ikke var kontakt.")
                ]
            }
        )
    return registrer_uge(
        user=user,
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        kontakter=[],
        ingen_kontakt_aarsag=aarsag,
        ingen_kontakt_note=note,
        version=version,
    )
