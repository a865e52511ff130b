"""What happens while a course runs: meetings, follow-up on delivery, work points with
both voices' ratings, the mentor's status reports. All belong to a granted, open course."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import permissions
from organisation.models import User

from ..models import (
    Arbejdspunkt,
    Arbejdspunktstatus,
    Deltager,
    Forloeb,
    Leveret,
    Moede,
    Moedetype,
    Opfoelgning,
    Progressionsvurdering,
    Statusrapport,
    Vurderer,
)
from ._faelles import (
    Fejl,
    d,
    foerste_start,
    genvurder,
    require_caseworker,
    require_caseworker_or_mentor,
    require_granted,
    require_open,
    tjek_dato,
    tjek_tekster,
    tjek_valg,
)

MOEDE_HORISONT_DAGE = 365


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
    require_caseworker(user, forloeb)
    require_granted(forloeb)
    fejl = Fejl()
    tjek_valg(fejl, "type", type, Moedetype.values, _("Vælg en mødetype."))
    tjek_dato(fejl, "dato", dato)
    if dato is None:
        fejl("dato", _("Angiv mødets dato."))
    elif dato > timezone.localdate() + timedelta(days=MOEDE_HORISONT_DAGE):
        fejl("dato", _("Mødedatoen ligger urimeligt langt ude i fremtiden."))
    deltagere = list(dict.fromkeys(deltagere or ()))
    ukendte = [x for x in deltagere if x not in Deltager.values]
    if ukendte:
        fejl("deltagere", _("Ukendt deltager: %(d)s.") % {"d": ", ".join(ukendte)})
    tjek_tekster(fejl, referat=referat, beslutninger=beslutninger)
    fejl.rejs()
    moede = Moede(
        forloeb=forloeb,
        type=type,
        dato=dato,
        deltagere=deltagere,
        referat=referat or "",
        beslutninger=beslutninger or "",
        oprettet_af=user,
    )
    moede.full_clean()
    moede.save()
    genvurder(forloeb.pk)
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
    """The caseworker's follow-up on delivery (what STAR found missing)."""
    require_caseworker(user, forloeb)
    require_granted(forloeb)
    fejl = Fejl()
    tjek_valg(fejl, "leveret", leveret, Leveret.values, _("Angiv om indsatsen er leveret."))
    tjek_dato(fejl, "dato", dato)
    tjek_dato(fejl, "naeste_dato", naeste_dato)
    tjek_tekster(fejl, note=note)
    start = foerste_start(forloeb)
    if dato is None:
        fejl("dato", _("Angiv datoen for opfølgningen."))
    elif dato > timezone.localdate():
        fejl("dato", _("En opfølgning kan ikke dateres i fremtiden."))
    elif start and dato < start:
        fejl(
            "dato",
            _("Opfølgningen kan ikke ligge før forløbets første periode (%(dato)s).")
            % {"dato": d(start)},
        )
    if dato and naeste_dato and naeste_dato <= dato:
        fejl("naeste_dato", _("Næste opfølgning skal ligge efter denne."))
    if leveret != Leveret.JA and not (note or "").strip():
        fejl("note", _("Beskriv, hvad der ikke blev leveret, og hvad du gør ved det."))
    if kontakt_som_bevilget is None:
        fejl("kontakt_som_bevilget", _("Angiv om kontakten svarede til de bevilgede timer."))
    fejl.rejs()
    opf = Opfoelgning(
        forloeb=forloeb,
        dato=dato,
        leveret=leveret,
        kontakt_som_bevilget=kontakt_som_bevilget,
        note=note or "",
        naeste_dato=naeste_dato,
        udfoert_af=user,
    )
    opf.full_clean()
    opf.save()
    genvurder(forloeb.pk)
    return opf


@transaction.atomic
def opret_arbejdspunkt(*, user: User, forloeb: Forloeb, titel: str) -> Arbejdspunkt:
    require_caseworker_or_mentor(user, forloeb)
    require_granted(forloeb)
    fejl = Fejl()
    titel = (titel or "").strip()
    if not titel:
        fejl("titel", _("Beskriv arbejdspunktet."))
    elif len(titel) > 300:
        fejl("titel", _("Et arbejdspunkt må højst være 300 tegn."))
    fejl.rejs()
    return Arbejdspunkt.objects.create(forloeb=forloeb, titel=titel)


@transaction.atomic
def aendr_arbejdspunkt_status(
    *, user: User, arbejdspunkt: Arbejdspunkt, status: str
) -> Arbejdspunkt:
    """Mark a work point achieved or dropped (or back in progress); kept in history."""
    require_caseworker_or_mentor(user, arbejdspunkt.forloeb)
    require_open(arbejdspunkt.forloeb)
    fejl = Fejl()
    tjek_valg(
        fejl,
        "status",
        status,
        Arbejdspunktstatus.values,
        _("Vælg en gyldig status for arbejdspunktet."),
    )
    fejl.rejs()
    arbejdspunkt.status = status
    arbejdspunkt.save()
    return arbejdspunkt


@transaction.atomic
def vurder_progression(
    *, user: User, arbejdspunkt: Arbejdspunkt, vurderet_af: str, score: int, kommentar: str = ""
) -> Progressionsvurdering:
    """Mentor and citizen each rate progress; the mentor or caseworker records the citizen's."""
    require_caseworker_or_mentor(user, arbejdspunkt.forloeb)
    require_open(arbejdspunkt.forloeb)
    fejl = Fejl()
    tjek_valg(fejl, "vurderet_af", vurderet_af, Vurderer.values, _("Vælg, hvis vurdering det er."))
    try:
        ok = score is not None and 1 <= int(score) <= 5
    except (TypeError, ValueError):
        ok = False
    if not ok:
        fejl("score", _("Vurderingen skal være fra 1 til 5."))
    tjek_tekster(fejl, kommentar=kommentar)
    fejl.rejs()
    return Progressionsvurdering.objects.create(
        arbejdspunkt=arbejdspunkt,
        vurderet_af=vurderet_af,
        score=int(score),
        kommentar=kommentar or "",
        registreret_af=user,
    )


@transaction.atomic
def skriv_statusrapport(*, user: User, forloeb: Forloeb, tekst: str) -> Statusrapport:
    if not permissions.is_current_mentor_of(user, forloeb):
        raise PermissionDenied
    require_granted(forloeb)
    fejl = Fejl()
    if not (tekst or "").strip():
        fejl("tekst", _("Skriv statusrapporten."))
    tjek_tekster(fejl, tekst=tekst)
    fejl.rejs()
    rapport = Statusrapport.objects.create(
        forloeb=forloeb, mentor=forloeb.mentor, tekst=tekst.strip()
    )
    genvurder(forloeb.pk)
    return rapport
