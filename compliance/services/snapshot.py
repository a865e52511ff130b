"""Every team's compliance figures per ISO week, kept so trends outlive the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from organisation.models import Team
from tidsregistrering.uger import mandag

from .. import selectors
from ..models import UgeSnapshot


@transaction.atomic
def tag_snapshot(uge_start: dt.date, *, today: dt.date | None = None) -> int:
    """Store every team's figures for the week starting `uge_start`, evaluated at the week's
    end (or `today` while the week runs). Re-running updates the week's rows."""
    today = today or timezone.localdate()
    uge_start = mandag(uge_start)
    dag = min(uge_start + dt.timedelta(days=6), today)
    tal = selectors.compliance_tal_pr_team(dag)
    timer = selectors.timer_pr_team_og_uge([uge_start])
    antal = 0
    for team in Team.objects.all():
        t = tal.get(team.pk, {"aktive": 0, "opfyldt": {}, "brud": {}})
        bevilget, leveret = timer.get((team.pk, uge_start), (Decimal(0), Decimal(0)))
        UgeSnapshot.objects.update_or_create(
            team=team,
            uge_start=uge_start,
            defaults={
                "aktive": t["aktive"],
                "opfyldt": t["opfyldt"],
                "brud": t["brud"],
                "timer_bevilget": bevilget,
                "timer_leveret": leveret,
            },
        )
        antal += 1
    return antal


def ugens_snapshots(today: dt.date | None = None) -> int:
    """The scheduled job: the running week, and the week before when it is new or ended."""
    today = today or timezone.localdate()
    denne = mandag(today)
    antal = tag_snapshot(denne, today=today)
    forrige = denne - dt.timedelta(weeks=1)
    if today.isoweekday() == 1 or not UgeSnapshot.objects.filter(uge_start=forrige).exists():
        antal += tag_snapshot(forrige, today=today)
    return antal
