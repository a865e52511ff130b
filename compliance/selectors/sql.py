"""Plumbing for embedding the catalogue's SQL in ORM queries."""

# SQL text here is assembled only from constants (table names from model meta, the rule
# catalogue, fixed bucket bounds); every value is a bound parameter.
# ruff: noqa: S608, S611

from __future__ import annotations

import re

from django.core.exceptions import EmptyResultSet
from django.db.models.expressions import RawSQL

_NAMED = re.compile(r"%\((\w+)\)s")


def positional(sql: str, params: dict) -> tuple[str, list]:
    """Turn a %(name)s query into a %s one, so it can be embedded in an ORM query."""
    order: list = []

    def repl(match):
        order.append(params[match.group(1)])
        return "%s"

    return _NAMED.sub(repl, sql), order


def queryset_sql(qs) -> tuple[str, tuple]:
    """The SQL of a queryset of ids, also for an empty one (`.none()`)."""
    try:
        return qs.values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT NULL::bigint AS id WHERE false", ()


def id_array(ids: list[int]) -> RawSQL:
    """A literal id list as one array parameter (for pk__in=): Django then binds one value
    instead of thousands in every query that uses it."""
    return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
