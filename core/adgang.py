"""One way to record a look at personal data, for screens, the API and services.

Every HTML view is declared one of three kinds, and a test walks every URL and fails on a
view that is none of them, so a new view cannot forget the log:

- `viser_persondata`: shows one citizen's or course's data. It notes each look on
  `request.adgang`; the notes become rows when it answers below 400, and a successful GET
  that noted nothing is a programming error (it raises, and the suite catches it).
- `viser_oversigt`: lists and searches (names, headlines). Rows only for what it notes,
  such as a CPR search.
- `uden_persondata`: shows no personal data (log-in, actions that redirect, …).

API views get the same through `core.api.ApiMixin`: every successful read is logged,
with what the view noted or else the path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .http import client_ip, login_metode
from .models import Adgangslog, Handling

__all__ = [
    "Adgangsnoter",
    "Handling",
    "log_adgang",
    "uden_persondata",
    "viser_oversigt",
    "viser_persondata",
]


def log_adgang(
    *,
    user,
    handling: str,
    borger=None,
    forloeb=None,
    ip=None,
    beskrivelse: str = "",
    login_metode: str = "",
) -> Adgangslog:
    """Record one look now (services use this for actions such as revealing a CPR number,
    so the record is written in the action's own transaction). Never holds the data."""
    if borger is None and forloeb is not None:
        borger_id = forloeb.borger_id
    else:
        borger_id = getattr(borger, "pk", None)
    return Adgangslog.objects.create(
        bruger=user,
        handling=handling,
        borger_id=borger_id,
        forloeb=forloeb,
        ip=ip,
        beskrivelse=(beskrivelse or "")[:200],
        login_metode=login_metode,
    )


@dataclass
class _Note:
    handling: str
    borger_id: int | None
    forloeb_id: int | None
    beskrivelse: str


class Adgangsnoter:
    """What one request showed; written as access-log rows when the answer succeeds."""

    def __init__(self, request):
        self.request = request
        self.noter: list[_Note] = []

    def noter_visning(
        self, handling: str, *, borger=None, forloeb=None, beskrivelse: str = ""
    ) -> None:
        borger_id = getattr(borger, "pk", None)
        if borger_id is None and forloeb is not None:
            borger_id = forloeb.borger_id
        self.noter.append(
            _Note(handling, borger_id, getattr(forloeb, "pk", None), (beskrivelse or "")[:200])
        )

    def skriv(self) -> int:
        user = self.request.user
        if not self.noter or not getattr(user, "is_authenticated", False):
            return 0
        ip = client_ip(self.request)
        metode = login_metode(self.request)
        Adgangslog.objects.bulk_create(
            [
                Adgangslog(
                    bruger=user,
                    handling=n.handling,
                    borger_id=n.borger_id,
                    forloeb_id=n.forloeb_id,
                    beskrivelse=n.beskrivelse,
                    ip=ip,
                    login_metode=metode,
                )
                for n in self.noter
            ]
        )
        return len(self.noter)


def _logget(view, *, kind: str, skal_notere: bool):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.adgang = Adgangsnoter(request)
        response = view(request, *args, **kwargs)
        # A form shown again with its errors (400) still showed the data it holds; a
        # refusal (403, 404) showed nothing.
        if response.status_code <= 400:
            # An htmx fragment belongs to a page that noted the look already.
            if (
                skal_notere
                and request.method == "GET"
                and response.status_code == 200
                and not request.headers.get("HX-Request")
                and not request.adgang.noter
            ):
                raise ImproperlyConfigured(
                    f"{view.__module__}.{view.__name__} showed personal data and noted no look"
                )
            request.adgang.skriv()
        return response

    wrapper.adgangslog = kind
    return wrapper


def viser_persondata(view):
    """One citizen's or course's data: the view must note what it showed."""
    return _logget(view, kind="persondata", skal_notere=True)


def viser_oversigt(view):
    """A list or search: rows only for what the view notes (e.g. a CPR search)."""
    return _logget(view, kind="oversigt", skal_notere=False)


def uden_persondata(view):
    """No personal data on this view (declared, so the URL walk sees it was thought about)."""
    view.adgangslog = "ingen"
    return view
