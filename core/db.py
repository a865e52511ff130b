"""Read-only work on the streaming replica, when one is configured (REPLICA_DATABASE_URL).

Only code inside `fra_replika()` (or a view under `laeser_fra_replika`) reads from the
replica: the router (core.routers) sends its ORM reads there, and raw SQL asks
`laeseforbindelse()` for its connection. Everything else, and every write, uses the
primary. Inside the scope the primary is still used when

- the primary connection is in a transaction, or has run a statement other than a
  SELECT in the scope (a transaction that wrote must read its own writes);
- the replica has not yet replayed the user's last write (the primary's WAL position
  after each POST is kept in the session; see SkrivemaerkeMiddleware);
- the replica does not answer: a warning is logged, the primary is used, and this
  process leaves the replica alone for REPLIKA_PAUSE_SEKUNDER.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connection, connections

log = logging.getLogger(__name__)

REPLIKA = "replica"
SESSION_LSN = "_primaer_lsn"
REPLIKA_PAUSE_SEKUNDER = 30
SIKRE_METODER = ("GET", "HEAD", "OPTIONS")


@dataclass
class _Scope:
    replika: bool
    skrevet: bool = False


_scope: ContextVar[_Scope | None] = ContextVar("fra_replika", default=None)
# Per process (no agreement across hosts needed): when to try a failed replica again.
_pause_til = 0.0


def replika_konfigureret() -> bool:
    return REPLIKA in settings.DATABASES


def _primaer():
    return connections[DEFAULT_DB_ALIAS]


def laeses_fra_replika() -> bool:
    """Whether a read here goes to the replica (the router's and laeseforbindelse's rule)."""
    scope = _scope.get()
    return bool(
        scope is not None and scope.replika and not scope.skrevet and not _primaer().in_atomic_block
    )


def laeseforbindelse():
    """The connection for a read-only raw query: the replica inside the scope, else the
    primary."""
    return connections[REPLIKA] if laeses_fra_replika() else connection


def _replika_nede(exc: Exception) -> None:
    global _pause_til
    _pause_til = time.monotonic() + REPLIKA_PAUSE_SEKUNDER
    with contextlib.suppress(Exception):
        connections[REPLIKA].close()
    # The exception's class only: its text may carry connection details, never data.
    log.warning(
        "replica unavailable (%s); reading from the primary for %d s",
        type(exc).__name__,
        REPLIKA_PAUSE_SEKUNDER,
    )


def _replika_klar(min_lsn: str | None) -> bool:
    """Whether the replica answers and has replayed `min_lsn` (a pg_lsn text) if given."""
    if not replika_konfigureret() or _primaer().in_atomic_block:
        return False
    if time.monotonic() < _pause_til:
        return False
    try:
        with connections[REPLIKA].cursor() as cursor:
            # On a server that is no replica (a mirror in tests) everything is replayed.
            cursor.execute(
                "SELECT COALESCE(pg_last_wal_replay_lsn() >= %s::pg_lsn, NOT pg_is_in_recovery())",
                [min_lsn or "0/0"],
            )
            return bool(cursor.fetchone()[0])
    except (OperationalError, InterfaceError) as exc:
        _replika_nede(exc)
        return False


def _marker_skrivning(execute, sql, params, many, context):
    scope = _scope.get()
    if scope is not None and not sql.lstrip()[:6].upper().startswith("SELECT"):
        scope.skrevet = True
    return execute(sql, params, many, context)


@contextlib.contextmanager
def fra_replika(min_lsn: str | None = None):
    """Read-only work whose reads may go to the replica (see the module's docstring).
    Yields the scope; `scope.replika` says whether the replica was in use."""
    ydre = _scope.get()
    if ydre is not None:  # nested: the outer scope decides
        yield ydre
        return
    scope = _Scope(replika=_replika_klar(min_lsn))
    token = _scope.set(scope)
    try:
        with _primaer().execute_wrapper(_marker_skrivning):
            yield scope
    finally:
        _scope.reset(token)


def _find_request(args):
    for arg in args[:2]:
        if hasattr(arg, "method") and hasattr(arg, "META"):
            return arg
    raise TypeError("laeser_fra_replika needs a view or a view method")


def laeser_fra_replika(view):
    """A view (or an API view's method) whose GETs read from the replica. Should a read on
    the replica fail, the view runs again on the primary rather than answer 500 (a GET
    has changed nothing)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        request = _find_request(args)
        if request.method not in SIKRE_METODER or not replika_konfigureret():
            return view(*args, **kwargs)
        session = getattr(request, "session", None)
        min_lsn = session.get(SESSION_LSN) if session is not None else None
        noter = getattr(request, "adgang", None)
        antal_noter = len(noter.noter) if noter is not None else 0
        scope = None
        try:
            with fra_replika(min_lsn) as scope:
                return view(*args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            if scope is None or not scope.replika:
                raise  # the primary's own failure
            if _replika_svarer():
                # e.g. a query cancelled by a conflict with recovery on the replica
                log.warning(
                    "read on the replica failed (%s); retried on the primary", type(exc).__name__
                )
            else:
                _replika_nede(exc)
            if noter is not None:
                del noter.noter[antal_noter:]
            return view(*args, **kwargs)

    return wrapper


def _replika_svarer() -> bool:
    with contextlib.suppress(Exception):  # a broken connection is not reused
        connections[REPLIKA].close()
    try:
        with connections[REPLIKA].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except (OperationalError, InterfaceError):
        return False


class SkrivemaerkeMiddleware:
    """After a request that may have written (not GET/HEAD/OPTIONS), keep the primary's
    WAL position in the session: the user's next pages read from the replica only once
    it has replayed that far, so a user always sees their own changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in SIKRE_METODER
            and replika_konfigureret()
            # A session the user holds (an API token client keeps none).
            and getattr(getattr(request, "session", None), "session_key", None)
            and not _primaer().in_atomic_block
        ):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_current_wal_lsn()::text")
                request.session[SESSION_LSN] = cursor.fetchone()[0]
        return response
