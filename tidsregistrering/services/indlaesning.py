"""A course's history of weeks in one go (an import): every week judged by the same rules
as `registrer_uge`, as the week's own mentor, then written in a few statements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from drift import outbox
from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle

from ..models import Kontakt, Ugeregistrering
from .registrering import (
    MAX_MINUTTER_PR_UGE,
    _fakta,
    _Fejl,
    _normaliser,
    _valider,
    _varighed,
)


@transaction.atomic
def registrer_nye_uger(*, forloeb: Forloeb, uger: list[dict]) -> dict[int, ValidationError]:
    """Many weeks of a course that has none yet (an import of its history), each judged by
    the same rules as `registrer_uge` as the week's own mentor (`uger[i]["mentor"]`),
    written in a few statements. Returns the refusals by index; writes only if there are
    none (the caller reports them)."""
    Forloeb.objects.select_for_update().only("pk").get(pk=forloeb.pk)
    if Ugeregistrering.objects.filter(forloeb=forloeb).exists():
        raise ValueError("registrer_nye_uger is for a course without weeks")
    afvist, klar = vurder_nye_uger(forloeb=forloeb, uger=uger, fakta=_fakta(forloeb))
    if afvist or not klar:
        return afvist
    skriv_nye_uger(klar)
    outbox.enqueue("compliance.evaluer_forloeb", forloeb_id=forloeb.pk)
    return afvist


def vurder_nye_uger(
    *, forloeb: Forloeb, uger: list[dict], fakta: tuple
) -> tuple[dict[int, ValidationError], list[tuple]]:
    """`registrer_nye_uger`'s judgement of each week against the course's `fakta` (its end,
    periods and mentor assignments, see `_fakta`): the refusals by index, and the weeks
    ready for `skriv_nye_uger`. An optional `item["registreret"]` (an aware datetime) is
    when the week was registered originally: not in the future, not before its Monday."""
    afvist: dict[int, ValidationError] = {}
    klar, set_uger, total = [], set(), {}
    nu = timezone.now()
    for i, item in enumerate(uger):
        mentor = item["mentor"]
        user = mentor.bruger
        if user is None or not permissions.has_role(user, Rolle.MENTOR):
            afvist[i] = ValidationError(
                {"uge": [_("%(m)s kan ikke logge ind som mentor.") % {"m": mentor}]}
            )
            continue
        fejl = _Fejl()
        data = _normaliser(item.get("kontakter"), fejl)
        aarsag = (item.get("ingen_kontakt_aarsag") or "").strip()
        aar, uge = int(item["aar"]), int(item["uge"])
        try:
            mandag = _valider(
                forloeb=forloeb,
                mentor=mentor,
                aar=aar,
                uge=uge,
                kontakter=data,
                aarsag=aarsag,
                note="",
                fejl=fejl,
                fakta=fakta,
            )
        except ValidationError as exc:
            afvist[i] = exc
            continue
        registreret = item.get("registreret") or nu
        try:
            tjek_registreret(registreret, mandag, aar=aar, uge=uge, nu=nu)
        except ValidationError as exc:
            for besked in exc.messages:
                fejl("registreret", besked)
        if (aar, uge, mentor.pk) in set_uger:
            fejl("uge", _("Uge %(uge)s, %(aar)s står to gange.") % {"uge": uge, "aar": aar})
        minutter = sum(k.minutter for k in data)
        total[(aar, uge)] = total.get((aar, uge), 0) + minutter
        if total[(aar, uge)] > MAX_MINUTTER_PR_UGE:
            fejl(
                "kontakter",
                _("Højst 37 timer pr. uge; ugen ville få %(v)s i alt.")
                % {"v": _varighed(total[(aar, uge)])},
            )
        if fejl:
            afvist[i] = ValidationError(dict(fejl))
            continue
        set_uger.add((aar, uge, mentor.pk))
        klar.append((forloeb, user, mentor, aar, uge, mandag, data, aarsag, minutter, registreret))
    return afvist, klar


def tjek_registreret(registreret, mandag, *, aar: int, uge: int, nu=None) -> None:
    """When an imported week was registered originally: not in the future, not before the
    week's Monday."""
    if registreret > (nu or timezone.now()):
        raise ValidationError(
            {"registreret": _("Registreringstidspunktet kan ikke ligge i fremtiden.")}
        )
    if timezone.localtime(registreret).date() < mandag:
        raise ValidationError(
            {
                "registreret": _(
                    "Uge %(uge)s, %(aar)s kan ikke være registreret før ugens start (%(d)s)."
                )
                % {"uge": uge, "aar": aar, "d": f"{mandag:%d.%m.%Y}"}
            }
        )


def skriv_nye_uger(klar: list[tuple]) -> None:
    """Write weeks judged by `vurder_nye_uger` (of one or many courses) in four statements,
    history included."""
    if not klar:
        return
    registreringer = []
    for forloeb, user, mentor, aar, uge, mandag, _d, aarsag, minutter, registreret in klar:
        registrering = Ugeregistrering(
            forloeb=forloeb,
            aar=aar,
            uge=uge,
            uge_start=mandag,
            mentor=mentor,
            registreret_af=user,
            registreret=registreret,
            ingen_kontakt_aarsag=aarsag,
            minutter_i_alt=minutter,
        )
        registrering._history_user = user
        registreringer.append(registrering)
    bulk_create_with_history(
        registreringer, Ugeregistrering, default_change_reason=_("Uge registreret")
    )
    kontakter = []
    for registrering, item in zip(registreringer, klar, strict=True):
        for k in item[6]:
            kontakt = Kontakt(
                registrering=registrering,
                dato=k.dato,
                minutter=k.minutter,
                form=k.form,
                emner=list(k.emner),
            )
            kontakt._history_user = registrering.registreret_af
            kontakter.append(kontakt)
    if kontakter:
        bulk_create_with_history(kontakter, Kontakt, default_change_reason=_("Uge registreret"))
