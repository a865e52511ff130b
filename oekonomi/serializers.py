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
