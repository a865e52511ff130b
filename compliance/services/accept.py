"""A caseworker or team leader notes why an open flag is accepted (with history)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import permissions
from organisation.models import User

from ..models import Advarsel


@transaction.atomic
def noter_accept(*, user: User, advarsel: Advarsel, note: str) -> Advarsel:
    """A caseworker (or the team's leader) records why an open flag is accepted. The note is
    kept with history; the flag itself stays until its condition is gone."""
    forloeb = advarsel.forloeb
    if not (
        permissions.is_case_worker_for(user, forloeb)
        or permissions.leads_course_team(user, forloeb)
    ):
        raise PermissionDenied
    locked = Advarsel.objects.select_for_update().get(pk=advarsel.pk)
    if locked.lukket is not None:
        raise ValidationError({"note": _("Advarslen er allerede løst.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Skriv, hvorfor advarslen accepteres.")})
    locked.accept_begrundelse = note
    locked.accepteret_af = user
    locked.accepteret = timezone.now()
    locked._change_reason = _("Accept noteret")
    locked.save(update_fields=["accept_begrundelse", "accepteret_af", "accepteret"])
    return locked
