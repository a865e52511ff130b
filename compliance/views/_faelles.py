"""What the team leader's screens share: the filtered base of courses, status codes."""

from __future__ import annotations

from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle

from .. import selectors
from ..forms import FilterForm

PAGE_SIZE = 100


def _teamleder(request) -> None:
    permissions.require_role(request.user, Rolle.TEAMLEDER)


def _base(request):
    """The leader's courses narrowed by the filters; an invalid filter shows nothing (and
    the form names the field) rather than silently showing more than was asked for."""
    form = FilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, selectors.Filtre(), Forloeb.objects.none()
    filtre = form.filtre() if form.is_bound else selectors.Filtre()
    return form, filtre, filtre.anvend(selectors.leders_forloeb(request.user))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _query_uden(request, *keys) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()
