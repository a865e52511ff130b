"""The national scale's child rows of a course (meetings, work points and ratings, status
reports, follow-ups, end, outcomes) from its timeline, as COPY rows."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
)

from .. import fordelinger as F
from .. import tekster
from ..plan import Forloebsplan
from ..tidslinje import Tidslinje
from .bulk import ts
from .kontekst import Kontekst


def tabeller(ctx: Kontekst) -> None:
    ctx.tabel(
        "moede",
        Moede,
        ["id", "forloeb_id", "type", "dato", "deltagere", "referat", "beslutninger",
         "oprettet_af_id", "oprettet"],
    )  # fmt: skip
    ctx.tabel("punkt", Arbejdspunkt, ["id", "forloeb_id", "titel", "status", "oprettet"])
    ctx.tabel(
        "vurdering",
        Progressionsvurdering,
        ["id", "arbejdspunkt_id", "dato", "vurderet_af", "score", "kommentar",
         "registreret_af_id"],
    )  # fmt: skip
    ctx.tabel(
        "rapport", Statusrapport, ["id", "forloeb_id", "mentor_id", "dato", "tekst", "oprettet"]
    )
    ctx.tabel(
        "opfoelgning",
        Opfoelgning,
        ["id", "forloeb_id", "dato", "leveret", "kontakt_som_bevilget", "note",
         "naeste_dato", "udfoert_af_id", "oprettet"],
    )  # fmt: skip
    ctx.tabel(
        "afslutning",
        Afslutning,
        ["id", "forloeb_id", "dato", "aarsag", "borger_vurdering", "mentor_vurdering",
         "exitplan", "afsluttet_af_id", "oprettet"],
    )  # fmt: skip
    ctx.tabel(
        "resultat",
        Resultat,
        ["id", "forloeb_id", "maaned", "resultat", "registreret", "registreret_af_id"],
    )


def skriv(ctx: Kontekst, fid: int, sb: int, p: Forloebsplan, t: Tidslinje, mentorer, org) -> None:
    rng, ids = ctx.rng, ctx.ids

    def mentor_paa(d):
        return mentorer[min(t.mentor_nr(d), len(mentorer) - 1)]

    for type_, d in t.moeder:
        ctx["moede"].add(
            ids(Moede), fid, type_, d.isoformat(), tekster.DELTAGERE, tekster.REFERAT[type_], "",
            sb, ts(d),
        )  # fmt: skip
    for d, leveret, som_bevilget in t.opfoelgninger:
        ctx["opfoelgning"].add(
            ids(Opfoelgning), fid, d.isoformat(), leveret, som_bevilget,
            "" if leveret == "ja" else tekster.OPFOELGNING_NOTE,
            (d + timedelta(weeks=8)).isoformat(), sb, ts(d),
        )  # fmt: skip
    for d in t.rapporter:
        ctx["rapport"].add(
            ids(Statusrapport), fid, mentor_paa(d), d.isoformat(), rng.choice(tekster.RAPPORTER),
            ts(d),
        )  # fmt: skip
    for punkt in t.punkter:
        pid = ids(Arbejdspunkt)
        ctx["punkt"].add(pid, fid, punkt.titel, punkt.status, ts(t.moeder[0][1]))
        for d, vurderet_af, score in punkt.vurderinger:
            bruger = org.korps.alle[mentor_paa(d)].bruger
            ctx["vurdering"].add(
                ids(Progressionsvurdering), pid, d.isoformat(), vurderet_af, score, "", bruger
            )
    if t.afslutning is None:
        return
    # An end brought in from an older system without reason or ratings is the gap
    # AFSLUTNING_UFULDSTAENDIG finds (the model allows it only for such imports);
    # outcomes are registered only after a complete end (registrer_resultat).
    if rng.random() < F.HUL_AFSLUTNING:
        ctx["afslutning"].add(
            ids(Afslutning), fid, t.til.isoformat(), "", None, None, "", sb, ts(t.til)
        )
    else:
        borger_vurdering, mentor_vurdering = t.afslutning
        ctx["afslutning"].add(
            ids(Afslutning), fid, t.til.isoformat(), p.aarsag, borger_vurdering,
            mentor_vurdering, tekster.EXITPLAN, sb, ts(t.til),
        )  # fmt: skip
        for maaned, resultat in t.resultater:
            when = t.til + relativedelta(months=maaned)
            ctx["resultat"].add(ids(Resultat), fid, maaned, resultat, ts(when), sb)
