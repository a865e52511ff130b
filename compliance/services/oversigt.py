"""The daily and weekly digests, stored in the mail outbox (drift.mail) and sent once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from drift import mail
from drift.models import MailStatus
from forloeb.models import Forloeb, Mentortilknytning
from organisation.models import Rolle, User

from ..models import Advarsel
from ..regler import (
    REGLER,
)


def _queue(user: User, key: str, emne: str, template: str, context: dict) -> bool:
    """Store the mail in the mail outbox (sent by a task after commit, at most once);
    True when it has an address to go to."""
    body = render_to_string(template, {**context, "modtager": user, "base_url": _base_url()})
    stored = mail.queue(key=key, recipient=user, subject=emne, body=body)
    return stored is not None and stored.status == MailStatus.PENDING


def _base_url() -> str:
    return getattr(settings, "MENTORSAG_BASE_URL", "").rstrip("/")


def send_dagligt_overblik(now: dt.datetime | None = None) -> int:
    """Queue for each responsible person a mail with the flags new since their last one.

    Each flag goes into one mail (`varslet`, set in the transaction that stores the mail);
    rows are claimed with SKIP LOCKED, so two runs at once never take the same flag, and
    nothing is sent inside this transaction. A person without an e-mail address gets a
    mail marked undeliverable, which the administrator sees and can send again. Flags of
    an inactive person wait for the scan to give them a new owner. No CPR numbers or
    citizen names in the mail. Returns the number of mails queued for sending.
    """
    now = now or timezone.now()
    sendt = 0
    with transaction.atomic():
        nye = list(
            Advarsel.objects.aabne()
            .filter(varslet__isnull=True, accepteret__isnull=True, ansvarlig__isnull=False)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("ansvarlig", "forloeb")
            .order_by("ansvarlig_id", "foerst_set", "id")
        )
        pr_person: dict[int, list[Advarsel]] = defaultdict(list)
        for advarsel in nye:
            pr_person[advarsel.ansvarlig_id].append(advarsel)
        # Mentors someone else assigned to a caseworker's course: told in the same mail.
        tildelinger = list(
            Mentortilknytning.objects.filter(varslet__isnull=True, til__isnull=True)
            .exclude(oprettet_af_id=F("forloeb__sagsbehandler_id"))
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("forloeb__sagsbehandler", "mentor", "oprettet_af")
            .order_by("forloeb__sagsbehandler_id", "oprettet", "id")
        )
        pr_sagsbehandler: dict[int, list[Mentortilknytning]] = defaultdict(list)
        for t in tildelinger:
            pr_sagsbehandler[t.forloeb.sagsbehandler_id].append(t)
        modtagere = {a[0].ansvarlig_id: a[0].ansvarlig for a in pr_person.values()}
        modtagere |= {
            t[0].forloeb.sagsbehandler_id: t[0].forloeb.sagsbehandler
            for t in pr_sagsbehandler.values()
        }
        varslede: list[int] = []
        varslede_tildelinger: list[int] = []
        for pk, user in modtagere.items():
            if not user.is_active:
                continue
            advarsler = pr_person.get(pk, [])
            nye_mentorer = pr_sagsbehandler.get(pk, [])
            if advarsler:
                emne = _("Mentorsag: %(antal)s nye advarsler") % {"antal": len(advarsler)}
                # The first flag names the mail: a flag is in one daily mail only.
                key = f"dagligt:{user.pk}:{advarsler[0].pk}"
            else:
                emne = _("Mentorsag: ny mentor på dine forløb")
                key = f"dagligt:{user.pk}:t{nye_mentorer[0].pk}"
            sendt += _queue(
                user,
                key,
                emne,
                "compliance/email/dagligt_overblik.txt",
                {
                    "advarsler": [(a, REGLER.get(a.regel)) for a in advarsler],
                    "nye_mentorer": nye_mentorer,
                },
            )
            varslede += [a.pk for a in advarsler]
            varslede_tildelinger += [t.pk for t in nye_mentorer]
        Advarsel.objects.filter(pk__in=varslede).update(varslet=now)
        Mentortilknytning.objects.filter(pk__in=varslede_tildelinger).update(varslet=now)
    return sendt


@transaction.atomic
def send_ugentligt_overblik(now: dt.datetime | None = None) -> int:
    """Queue for each team leader a weekly summary of their teams' flags, once per ISO
    week (a job that runs again that week finds the mail already stored)."""
    now = now or timezone.now()
    aar, uge, _dag = timezone.localtime(now).isocalendar()
    uge_siden = now - dt.timedelta(days=7)
    sendt = 0
    ledere = (
        User.objects.med_rolle(Rolle.TEAMLEDER)
        .filter(is_active=True, ledede_teams__isnull=False)
        .distinct()
    )
    for leder in ledere:
        teams = list(leder.ledede_teams.all())
        aabne = (
            Advarsel.objects.aabne()
            .filter(forloeb__team__in=teams)
            .values("forloeb__team_id", "regel")
            .annotate(antal=Count("id"))
        )
        pr_team: dict[int, dict[str, int]] = defaultdict(dict)
        for row in aabne:
            pr_team[row["forloeb__team_id"]][row["regel"]] = row["antal"]
        bevaegelse = Advarsel.objects.filter(forloeb__team__in=teams).aggregate(
            nye=Count("id", filter=Q(foerst_set__gte=uge_siden)),
            loeste=Count("id", filter=Q(lukket__gte=uge_siden, lukket_som=Advarsel.Lukning.LOEST)),
        )
        aktive = dict(
            Forloeb.objects.aktive_paa(timezone.localdate(now))
            .filter(team__in=teams)
            .values_list("team_id")
            .annotate(n=Count("id"))
        )
        linjer = []
        for team in teams:
            regler = sorted(pr_team.get(team.pk, {}).items(), key=lambda kv: -kv[1])
            linjer.append(
                {
                    "team": team,
                    "aktive": aktive.get(team.pk, 0),
                    "regler": [(REGLER[k].titel, n) for k, n in regler if k in REGLER],
                    "i_alt": sum(n for _k, n in regler),
                }
            )
        sendt += _queue(
            leder,
            f"ugentligt:{leder.pk}:{aar}-W{uge:02d}",
            _("Mentorsag: ugens compliance-overblik"),
            "compliance/email/ugentligt_overblik.txt",
            {"teams": linjer, **bevaegelse},
        )
    return sendt
