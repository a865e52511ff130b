"""Reads of the compliance app, scoped to what the user may see and set-based."""

from .dashboard import Filtre, dashboard
from .maal import UDLOEBER_DAGE, VARIGHED_INTERVALLER, forloeb_bag, maal_titel, varighed_sql
from .scopes import (
    forloeb_advarsler,
    leders_forloeb,
    leders_stikproever,
    mine_advarsler,
    regel_forloeb_ids,
    star_fund,
)
from .sql import id_array, positional, queryset_sql
from .tal import compliance_tal_pr_team
from .timer import timer_i_interval, timer_pr_team_og_uge, timer_pr_uge

__all__ = [
    "UDLOEBER_DAGE",
    "VARIGHED_INTERVALLER",
    "Filtre",
    "compliance_tal_pr_team",
    "dashboard",
    "forloeb_advarsler",
    "forloeb_bag",
    "id_array",
    "leders_forloeb",
    "leders_stikproever",
    "maal_titel",
    "mine_advarsler",
    "positional",
    "queryset_sql",
    "regel_forloeb_ids",
    "star_fund",
    "timer_i_interval",
    "timer_pr_team_og_uge",
    "timer_pr_uge",
    "varighed_sql",
]
