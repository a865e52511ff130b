"""Week registrations for the CSV export, scoped and filtered."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from organisation.models import User

from ..models import Ugeregistrering
from ._faelles import synlige_registreringer


def eksport(
    user: User,
    *,
    fra: date | None = None,
    til: date | None = None,
    team_id: int | None = None,
    mentor_id: int | None = None,
) -> QuerySet[Ugeregistrering]:
    """Week registrations the user may see, filtered by period (weeks overlapping it),
    team and mentor."""
    qs = synlige_registreringer(user)
    if fra:
        qs = qs.filter(uge_start__gte=fra - timedelta(days=6))
    if til:
        qs = qs.filter(uge_start__lte=til)
    if team_id:
        qs = qs.filter(forloeb__team_id=team_id)
    if mentor_id:
        qs = qs.filter(mentor_id=mentor_id)
    return (
        qs.select_related("forloeb__team", "forloeb__borger", "mentor", "godkendt_af")
        .prefetch_related("kontakter")
        .order_by("uge_start", "forloeb_id")
    )
