"""Courses an import creates: judged by the services' own rules in memory, written many
at a time.

A new course goes through the same checks as `opret_borger`, `opret_forloeb`,
`tildel_mentor`, `bevilg_periode`, `udlever_aftale` and `registrer_nye_uger` (their
`byg_`/`vurder_` halves), in the same order, with the same messages; a course with any
error writes nothing. The valid ones are written in batches, each table in one
statement and its history in another. The services' outbox messages (re-evaluate the
course's rules) are left out: the import scans what it wrote at once after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from forloeb import services as forloeb_services
from forloeb.models import (
    Bevilling,
    Borger,
    Forloeb,
    Mentoraftale,
    Mentortilknytning,
    Status,
)
from forloeb.services._faelles import require_caseworker, require_open
from tidsregistrering import services as tid_services

from .laesning import kode_af

BATCH = 250


@dataclass
class Plan:
    """One new course, ready to write."""

    sag: object
    borger: Borger
    ny_borger: bool
    forloeb: Forloeb
    tilknytning: Mentortilknytning
    bevillinger: list[Bevilling] = field(default_factory=list)
    aftaler: list[Mentoraftale] = field(default_factory=list)
    uger: list[tuple] = field(default_factory=list)


def planlaeg(sag, sb, team, mentor, datoer, perioder, borger, digits, indhold) -> Plan:
    """The new course `sag` as the services would make it, or `_Afbryd` with its errors
    recorded. `borger` is the existing citizen (unchanged by the file), or None."""
    from .importering import _Afbryd

    r, imp = sag.foerste, sag.imp
    today = timezone.localdate()
    ny_borger = borger is None
    if ny_borger:
        borger = sag.kald(
            r.nr,
            "",
            forloeb_services.byg_borger,
            user=sb,
            cpr_nummer=digits,
            navn=r["navn"].strip(),
            ydelsesgruppe=indhold.pop("_ydelse"),
            findes=False,
        )
    else:
        indhold.pop("_ydelse")
    forloeb = sag.kald(
        r.nr, "", forloeb_services.byg_forloeb, user=sb, borger=borger, team=team, **indhold
    )
    forloeb.sagsnummer = sag.sagsnummer

    def tildel():
        from organisation import permissions

        if not (
            permissions.is_case_worker_for(sb, forloeb) or permissions.may_match_mentor(sb, forloeb)
        ):
            raise PermissionDenied
        return forloeb_services.vurder_tildeling(
            locked=forloeb,
            mentor=mentor,
            fra=datoer.get("mentor_fra"),
            today=today,
            current=None,
            start=None,
            laast_mentor=mentor,
            belastning=lambda: imp.opslag.belastning(mentor),
        )

    fra, problem, _i_bevilling = sag.kald(r.nr, "mentor", tildel)
    tilknytning = Mentortilknytning(
        forloeb=forloeb, mentor=mentor, fra=fra, oprettet_af=sb, kvalifikationer=""
    )
    forloeb.mentor = mentor
    forloeb.version += 1
    plan = Plan(sag, borger, ny_borger, forloeb, tilknytning)

    def bevilg(**kwargs):
        require_caseworker(sb, forloeb)
        require_open(forloeb)
        return forloeb_services.vurder_periode(**kwargs)

    for raekke, p in perioder:
        start, slut, timer = p["periode_start"], p["periode_slut"], p["timer_pr_uge"]
        kvalifikationer = raekke["kvalifikationer"] or ""
        vurdering = raekke["vurdering"] or ""
        besluttet = min(start, today)

        try:
            foerste = sag.kald(
                raekke.nr,
                "",
                bevilg,
                locked=forloeb,
                mentor=mentor,
                start=start,
                slut=slut,
                timer_pr_uge=timer,
                kvalifikationer=kvalifikationer,
                vurdering=vurdering,
                besluttet=besluttet,
                perioder=plan.bevillinger,
            )
        except _Afbryd:
            continue
        bevilling = Bevilling(
            forloeb=forloeb,
            start=start,
            slut=slut,
            timer_pr_uge=timer,
            kvalifikationer=kvalifikationer.strip(),
            vurdering=vurdering.strip(),
            besluttet=besluttet,
            besluttet_af=sb,
        )
        if foerste and tilknytning.fra > start:
            tilknytning.fra = start
        plan.bevillinger.append(bevilling)
        plan.bevillinger.sort(key=lambda b: b.start)
        aftale = forloeb_services.foerste_version(
            bevilling=bevilling,
            forloeb=forloeb,
            dato=besluttet,
            aarsag=Mentoraftale.Aarsag.BEVILLING,
            tilknytninger=[tilknytning],
        )
        plan.aftaler.append(aftale)
        forloeb.status = Status.AKTIV
        forloeb.version += 1
        if "aftale_udleveret" in p:
            dato, maade = p["aftale_udleveret"], kode_af(raekke["udleveringsmaade"])

            def udlever(aftale=aftale, dato=dato, maade=maade):
                require_caseworker(sb, forloeb)
                require_open(forloeb)
                forloeb_services.vurder_udlevering(aftale=aftale, dato=dato, maade=maade)

            try:
                sag.kald(raekke.nr, "aftale_udleveret", udlever)
            except _Afbryd:
                continue
            aftale.udleveret, aftale.udleveringsmaade = dato, maade
    if sag.resultat.fejl:
        raise _Afbryd
    uger = sag.ugeposter(plan.bevillinger, [tilknytning])
    if uger and not sag.resultat.fejl:
        fakta = (None, plan.bevillinger, [tilknytning])
        afvist, plan.uger = tid_services.vurder_nye_uger(
            forloeb=forloeb, uger=[item for _nr, item in uger], fakta=fakta
        )
        for i, exc in sorted(afvist.items()):
            sag.fra_validering(uger[i][0], exc, "uge")
    if sag.resultat.fejl:
        raise _Afbryd
    forloeb._change_reason = sag.aarsag()
    return plan


def skriv(planer: list[Plan]) -> None:
    """Write planned courses: each table in one statement, its history in another."""
    if not planer:
        return
    with transaction.atomic():
        bulk_create_with_history([p.borger for p in planer if p.ny_borger], Borger)
        for p in planer:
            p.forloeb.borger = p.borger
        bulk_create_with_history([p.forloeb for p in planer], Forloeb)
        for p in planer:
            p.tilknytning.forloeb = p.forloeb
            for b in p.bevillinger:
                b.forloeb = p.forloeb
        bulk_create_with_history([p.tilknytning for p in planer], Mentortilknytning)
        bulk_create_with_history([b for p in planer for b in p.bevillinger], Bevilling)
        # Created without the hand-out, then handed out: the history the services write.
        aftaler = [a for p in planer for a in p.aftaler]
        for aftale in aftaler:
            aftale._udlevering = (aftale.udleveret, aftale.udleveringsmaade)
            aftale.udleveret, aftale.udleveringsmaade = None, ""
        bulk_create_with_history(aftaler, Mentoraftale)
        ud = []
        for aftale in aftaler:
            if aftale._udlevering[0] is not None:
                aftale.udleveret, aftale.udleveringsmaade = aftale._udlevering
                ud.append(aftale)
        if ud:
            bulk_update_with_history(
                ud,
                Mentoraftale,
                ["udleveret", "udleveringsmaade"],
                default_change_reason=_("Udlevering registreret"),
            )
        tid_services.skriv_nye_uger([u for p in planer for u in p.uger])
    for p in planer:
        p.sag.resultat.forloeb_id = p.forloeb.pk
