"""Writes on the mentor roster, done by the mentor coordinator (or an administrator)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisation import permissions
from organisation.models import Rolle, User

from ..models import UDEN_LEVERANDOER, Mentor, MentorType, Specialisering

MAX_KAPACITET = 60
FELTER = (
    "navn",
    "type",
    "arbejdsgiver",
    "leverandoer",
    "telefon",
    "email",
    "uddannelse",
    "mentoruddannelse_timer",
    "specialiseringer",
    "kapacitet",
    "aktiv",
    "bruger",
    "koen",
    "foedselsaar",
)


def _validate(user: User, mentor: Mentor, tidligere_leverandoer_id: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not (mentor.navn or "").strip():
        errors["navn"] = _("Angiv mentorens navn.")
    if mentor.type not in MentorType.values:
        errors["type"] = _("Vælg en mentortype.")
    unknown = [s for s in mentor.specialiseringer if s not in Specialisering.values]
    if unknown:
        errors["specialiseringer"] = _("Ukendt specialisering: %(s)s.") % {"s": ", ".join(unknown)}
    if mentor.kapacitet is None or not 1 <= int(mentor.kapacitet) <= MAX_KAPACITET:
        errors["kapacitet"] = _("Kapaciteten skal være mellem 1 og %(max)s aktive forløb.") % {
            "max": MAX_KAPACITET
        }
    if mentor.mentoruddannelse_timer is None or int(mentor.mentoruddannelse_timer) < 0:
        errors["mentoruddannelse_timer"] = _("Timer mentoruddannelse kan ikke være negativ.")
    leverandoer = mentor.leverandoer
    if leverandoer is not None:
        if leverandoer.organisation_id != user.organisation_id:
            errors["leverandoer"] = _("Leverandøren hører ikke til din organisation.")
        elif mentor.type in UDEN_LEVERANDOER:
            errors["leverandoer"] = _(
                "En intern eller frivillig mentor har ingen leverandør; vælg mentortypen "
                "ekstern leverandør, virksomhed, bostøtte eller uddannelsesinstitution."
            )
        elif not leverandoer.aktiv and leverandoer.pk != tidligere_leverandoer_id:
            errors["leverandoer"] = _("Leverandøren er ikke aktiv.")
    login = mentor.bruger
    if login is not None:
        if login.organisation_id != user.organisation_id:
            errors["bruger"] = _("Brugeren hører ikke til din organisation.")
        elif Rolle.MENTOR not in login.roller:
            errors["bruger"] = _("Brugeren har ikke rollen mentor.")
        elif Mentor.objects.filter(bruger=login).exclude(pk=mentor.pk).exists():
            errors["bruger"] = _("Brugeren er allerede knyttet til en anden mentor.")
    if errors:
        raise ValidationError(errors)
    mentor.navn = mentor.navn.strip()
    mentor.specialiseringer = sorted(set(mentor.specialiseringer))
    try:
        mentor.full_clean(exclude=["organisation", "bruger", "leverandoer"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


def _require_manager(user: User) -> None:
    if not permissions.may_manage_mentors(user) or not user.organisation_id:
        raise PermissionDenied


@transaction.atomic
def opret_mentor(*, user: User, **fields) -> Mentor:
    _require_manager(user)
    unknown = set(fields) - set(FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    mentor = Mentor(organisation_id=user.organisation_id, **fields)
    _validate(user, mentor)
    mentor._change_reason = _("Mentor oprettet")
    mentor.save()
    return mentor


@transaction.atomic
def opdater_mentor(*, user: User, mentor: Mentor, **fields) -> Mentor:
    _require_manager(user)
    if mentor.organisation_id != user.organisation_id:
        raise PermissionDenied
    unknown = set(fields) - set(FELTER)
    if unknown:
        raise ValueError(sorted(unknown))
    locked = Mentor.objects.select_for_update().get(pk=mentor.pk)
    tidligere_leverandoer_id = locked.leverandoer_id
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(user, locked, tidligere_leverandoer_id)
    locked._change_reason = _("Mentor redigeret")
    locked.save()
    return locked


@transaction.atomic
def knyt_mentorprofil_ved_login(*, bruger: User) -> Mentor | None:
    """Link a mentor's login to their mentor profile when they log in (typically the first
    login through the IdP, e.g. an external provider's mentor with MitID Erhverv): the one
    active, unlinked profile in the user's organisation with the login's e-mail address.

    Nothing happens when the user is no mentor, is already linked, or when no profile or
    more than one matches (a coordinator then links it by hand). The mentor scope in
    `organisation.permissions` does the rest: only courses of that profile are visible.
    """
    if not (permissions.has_role(bruger, Rolle.MENTOR) and bruger.email and bruger.organisation_id):
        return None
    if Mentor.objects.filter(bruger=bruger).exists():
        return None
    kandidater = list(
        Mentor.objects.select_for_update().filter(
            organisation_id=bruger.organisation_id,
            bruger__isnull=True,
            aktiv=True,
            email__iexact=bruger.email,
        )[:2]
    )
    if len(kandidater) != 1:
        return None
    mentor = kandidater[0]
    mentor.bruger = bruger
    mentor._change_reason = _("Login knyttet ved log-ind (samme e-mail)")
    mentor.save(update_fields=["bruger"])
    return mentor


def knyt_mentorprofil_efter_login(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver, so the identity app needs to know nothing of mentors."""
    knyt_mentorprofil_ved_login(bruger=user)
