"""The settlement as the API returns it: the same figures as the screen and the files."""

from __future__ import annotations

from . import maaneder
from .selectors.afregning import Linje, Udkast


def _tal(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _linje(linje: Linje) -> dict:
    return {
        "art": linje.art,
        "aarsag": linje.aarsag or None,
        "forloeb": linje.forloeb_id,
        "mentor": {"id": linje.mentor_id, "navn": linje.mentor_navn},
        "aar": linje.aar,
        "uge": linje.uge,
        "uge_start": linje.uge_start.isoformat(),
        "bevilgede_timer": _tal(linje.bevilget_timer),
        "godkendte_timer": _tal(linje.timer),
        "tidligere_afregnede_timer": _tal(linje.tidligere_timer),
        "timepris": _tal(linje.timepris),
        "beloeb": _tal(linje.beloeb),
        "tidligere_afregnet": _tal(linje.tidligere_beloeb),
        "over_bevilget": linje.over_bevilget,
    }


def afregning_data(u: Udkast) -> dict:
    a = u.afregning
    return {
        "leverandoer": {
            "id": u.leverandoer.pk,
            "navn": u.leverandoer.navn,
            "cvr": u.leverandoer.cvr,
        },
        "team": {"id": u.team.pk, "navn": u.team.navn},
        "maaned": maaneder.kode(u.maaned),
        "status": u.status,
        "godkendt": a.godkendt.isoformat() if a else None,
        "godkendt_af": str(a.godkendt_af) if a else None,
        "kan_godkendes_fra": u.kan_godkendes_fra.isoformat(),
        "timer": _tal(u.timer),
        "bevilgede_timer": _tal(u.bevilget_timer),
        "beloeb": _tal(u.beloeb),
        "korrektioner_beloeb": _tal(u.korrektioner_beloeb),
        "i_alt": _tal(u.i_alt),
        "linjer": [_linje(k) for k in u.linjer],
        "korrektioner": [_linje(k) for k in u.korrektioner],
        "ikke_godkendte_uger": [
            {
                "forloeb": w.forloeb_id,
                "mentor": w.mentor_navn,
                "aar": w.aar,
                "uge": w.uge,
                "uge_start": w.uge_start.isoformat(),
                "registrerede_timer": _tal(w.timer),
                "genaabnet": w.genaabnet,
            }
            for w in u.afventer
        ],
        "aendret_efter_godkendelse": [_linje(k) for k in u.aendret_efter],
        "uger_uden_pris": len(u.mangler_pris),
    }


def _tal_data(t) -> dict:
    return {
        "faktisk": _tal(t.faktisk),
        "afventer": _tal(t.afventer),
        "forpligtet": _tal(t.forpligtet),
        "prognose": _tal(t.prognose),
        "godkendte_timer": _tal(t.timer_leveret),
        "bevilgede_timer": _tal(t.timer_bevilget),
        "timer_over_bevilget": _tal(t.timer_over),
        "timer_uden_pris": _tal(t.timer_uden_pris),
    }


def budget_data(b) -> dict:
    return {
        "aar": b.aar,
        "opgjort": b.i_dag.isoformat(),
        "i_alt": _tal_data(b.i_alt),
        "forpligtet_efter_aaret": _tal(b.forpligtet_efter_aaret),
        "maaneder": [{"maaned": maaneder.kode(m), **_tal_data(t)} for m, t in b.maaneder],
        "grupper": {
            dimension: [{"noegle": r.noegle, "navn": r.navn, **_tal_data(r.tal)} for r in raekker]
            for dimension, raekker in b.grupper.items()
        },
        "leverandoerer_over_bevilget": [r.noegle for r in b.over_bevilget],
    }


def _celle(c) -> dict:
    # A suppressed cell says only that it is suppressed: no count, no shares.
    if c.skjult:
        return {"skjult": True, "antal_forloeb": None, "andele": None}
    return {"skjult": False, "antal_forloeb": c.n, "andele": dict(c.andele)}


def resultat_data(r) -> dict:
    return {
        "maaned": r.maaned,
        "uden_registreret_resultat": r.mangler,
        "resultattyper": [{"kode": k, "navn": str(n)} for k, n in r.typer],
        "tabeller": [
            {
                "dimension": t.dimension,
                "titel": str(t.titel),
                "raekker": [
                    {"noegle": x.noegle, "navn": str(x.navn), **_celle(x.celle)} for x in t.raekker
                ],
                "i_alt": _celle(t.i_alt),
            }
            for t in r.tabeller
        ],
    }
