"""Writes of the compliance app: the scan, snapshots, accept notes, emails and sample audits.

The scan is set-based: per rule one SQL statement opens flags for offending courses not
yet flagged, marks the open ones as seen and resolves those whose course no longer
offends. A transaction-level advisory lock serialises concurrent scans, and the partial
unique index (one open flag per rule and course) backs it up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from drift import mail
from drift.models import MailStatus
from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle, Team, User
from tidsregistrering.uger import mandag

from . import selectors
from .models import Advarsel, Regelindstillinger, Stikproeve, StikproeveSag, UgeSnapshot, Vurdering
from .regler import (
    AKTIVE_FRA_TABEL,
    AKTIVE_TABEL,
    REGLER,
    STAR_PUNKTER,
    aktive_cte,
    parametre,
    tabeller,
)

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key shared by every scan ("MSCO").
SCAN_LOCK = 0x4D53434F

SCAN_SQL = """
WITH o AS (
    SELECT r.forloeb_id, LEAST(min(r.siden), %(today)s::date) AS siden FROM ({regel}) r
    WHERE %(alle)s OR r.forloeb_id = ANY(%(ids)s::bigint[])
    GROUP BY r.forloeb_id
), ansvar AS (
    SELECT o.forloeb_id, o.siden,
           CASE WHEN %(ansvar)s = 'mentor' THEN COALESCE(m.bruger_id, f.sagsbehandler_id)
                ELSE f.sagsbehandler_id END AS ansvarlig_id
    FROM o JOIN {forloeb} f ON f.id = o.forloeb_id
    LEFT JOIN {mentor} m ON m.id = f.mentor_id
), lukket AS (
    UPDATE {advarsel} a SET lukket = GREATEST(%(now)s, a.foerst_set),
        lukket_som = CASE WHEN NOT %(om_afsluttede)s AND EXISTS (
                              SELECT 1 FROM {forloeb} f
                              WHERE f.id = a.forloeb_id AND f.status = 'afsluttet')
                          THEN 'afsluttet' ELSE 'loest' END
    WHERE a.regel = %(kode)s AND a.lukket IS NULL
      AND (%(alle)s OR a.forloeb_id = ANY(%(ids)s::bigint[]))
      AND NOT EXISTS (SELECT 1 FROM o WHERE o.forloeb_id = a.forloeb_id)
    RETURNING a.id
), sete AS (
    UPDATE {advarsel} a SET sidst_set = GREATEST(a.sidst_set, %(now)s),
                            ansvarlig_id = n.ansvarlig_id
    FROM ansvar n
    WHERE a.regel = %(kode)s AND a.lukket IS NULL AND a.forloeb_id = n.forloeb_id
      AND (a.sidst_set < %(now)s OR a.ansvarlig_id IS DISTINCT FROM n.ansvarlig_id)
    RETURNING a.id
), ny AS (
    INSERT INTO {advarsel} (regel, forloeb_id, ansvarlig_id, siden, foerst_set, sidst_set,
                            accept_begrundelse, lukket_som)
    SELECT %(kode)s, n.forloeb_id, n.ansvarlig_id, n.siden, %(now)s, %(now)s, '', ''
    FROM ansvar n
    WHERE NOT %(kun_luk)s AND NOT EXISTS (
        SELECT 1 FROM {advarsel} a
        WHERE a.regel = %(kode)s AND a.lukket IS NULL AND a.forloeb_id = n.forloeb_id)
    ON CONFLICT (regel, forloeb_id) WHERE lukket IS NULL DO NOTHING
    RETURNING id
)
SELECT (SELECT count(*) FROM ny), (SELECT count(*) FROM lukket), (SELECT count(*) FROM sete)
"""


@dataclass
class ScanResultat:
    oprettet: int = 0
    lukket: int = 0
    set: int = 0
    pr_regel: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __str__(self) -> str:
        return _("%(ny)s nye, %(lukket)s lukkede, %(set)s stadig åbne advarsler") % {
            "ny": self.oprettet,
            "lukket": self.lukket,
            "set": self.set,
        }


def scan(
    now: dt.datetime | None = None,
    *,
    kun_luk: bool = False,
    forloeb_ids: list[int] | None = None,
) -> ScanResultat:
    """Run every rule once. Idempotent; concurrent scans wait for each other.

    `kun_luk` is the light daytime pass: flags whose condition is gone are closed (so a fix
    shows at once), but new flags are only opened by the full nightly scan.

    `forloeb_ids` re-evaluates only those courses after a change: the rules are computed
    as in a full scan (a mentor's load depends on her other courses) and only those
    courses' flags are written, so they end exactly as a full scan would leave them.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    resultat = ScanResultat()
    tables = {**tabeller(), "advarsel": Advarsel._meta.db_table}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SCAN_LOCK])
        params = parametre(today, Regelindstillinger.hent())
        # The active set once for all rules (re-evaluating the CTE in each rule cost ~2.5x;
        # see bench/RESULTS.md). Dropped first in case an outer transaction still holds it.
        cursor.execute(f"DROP TABLE IF EXISTS {AKTIVE_TABEL}")
        cursor.execute(
            f"CREATE TEMP TABLE {AKTIVE_TABEL} ON COMMIT DROP AS "  # noqa: S608 (constants)
            f"WITH {aktive_cte()} SELECT * FROM aktive",
            params,
        )
        cursor.execute(f"ANALYZE {AKTIVE_TABEL}")
        for kode, regel in REGLER.items():
            sql = SCAN_SQL.format(regel=regel.query(AKTIVE_FRA_TABEL), **tables)
            cursor.execute(
                sql,
                {
                    **params,
                    "kode": kode,
                    "now": now,
                    "ansvar": regel.ansvarlig,
                    "kun_luk": kun_luk,
                    "om_afsluttede": regel.om_afsluttede,
                    "alle": forloeb_ids is None,
                    "ids": list(forloeb_ids or []),
                },
            )
            ny, lukket, sete = cursor.fetchone()
            resultat.oprettet += ny
            resultat.lukket += lukket
            resultat.set += sete
            resultat.pr_regel[kode] = (ny, lukket)
    log.info(
        "compliance scan%s: %s new, %s closed",
        "" if forloeb_ids is None else f" of {len(forloeb_ids)} course(s)",
        resultat.oprettet,
        resultat.lukket,
    )
    return resultat


# --- Snapshots ---------------------------------------------------------------------------


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


# --- Accepting a flag --------------------------------------------------------------------


@transaction.atomic
def noter_accept(*, user: User, advarsel: Advarsel, note: str) -> Advarsel:
    """A caseworker (or the team's leader) records why an open flag is accepted. The note is
    kept with history; the flag itself stays until its condition is gone."""
    forloeb = advarsel.forloeb
    if not (
        permissions.is_case_worker_for(user, forloeb)
        or permissions.leads_course_team(user, forloeb)
    ):
        raise PermissionDenied
    locked = Advarsel.objects.select_for_update().get(pk=advarsel.pk)
    if locked.lukket is not None:
        raise ValidationError({"note": _("Advarslen er allerede løst.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Skriv, hvorfor advarslen accepteres.")})
    locked.accept_begrundelse = note
    locked.accepteret_af = user
    locked.accepteret = timezone.now()
    locked._change_reason = _("Accept noteret")
    locked.save(update_fields=["accept_begrundelse", "accepteret_af", "accepteret"])
    return locked


# --- Emails ------------------------------------------------------------------------------


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
        varslede: list[int] = []
        for advarsler in pr_person.values():
            user = advarsler[0].ansvarlig
            if not user.is_active:
                continue
            emne = _("Mentorsag: %(antal)s nye advarsler") % {"antal": len(advarsler)}
            # The first flag names the mail: a flag is in one daily mail only.
            sendt += _queue(
                user,
                f"dagligt:{user.pk}:{advarsler[0].pk}",
                emne,
                "compliance/email/dagligt_overblik.txt",
                {"advarsler": [(a, REGLER.get(a.regel)) for a in advarsler]},
            )
            varslede += [a.pk for a in advarsler]
        Advarsel.objects.filter(pk__in=varslede).update(varslet=now)
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


# --- Stikprøve ---------------------------------------------------------------------------


@transaction.atomic
def opret_stikproeve(
    *, user: User, antal: int, team: Team | None = None, titel: str = ""
) -> Stikproeve:
    """Draw `antal` random active courses from the leader's teams (or one of them)."""
    permissions.require_role(user, Rolle.TEAMLEDER)
    if team is not None and not permissions.leder_team(user, team.pk):
        raise ValidationError({"team": _("Du kan kun trække stikprøver i teams, du leder.")})
    if antal is None or not 1 <= int(antal) <= 200:
        raise ValidationError({"antal": _("Antal forløb skal være mellem 1 og 200.")})
    kandidater = selectors.leders_forloeb(user).filter(
        pk__in=Forloeb.objects.aktive_paa(timezone.localdate()).values("pk")
    )
    if team is not None:
        kandidater = kandidater.filter(team=team)
    valgte = list(kandidater.order_by("?").values_list("pk", flat=True)[: int(antal)])
    if not valgte:
        raise ValidationError({"antal": _("Der er ingen aktive forløb at trække fra.")})
    titel = (titel or "").strip() or _("Stikprøve %(dato)s") % {
        "dato": timezone.localdate().strftime("%d.%m.%Y")
    }
    stikproeve = Stikproeve.objects.create(
        organisation_id=user.organisation_id,
        team=team,
        titel=titel[:200],
        antal=len(valgte),
        oprettet_af=user,
    )
    fund = selectors.star_fund(valgte)
    StikproeveSag.objects.bulk_create(
        [
            StikproeveSag(
                stikproeve=stikproeve,
                forloeb_id=pk,
                systemfund=fund[pk],
                # The reviewer starts from the system's finding and confirms or changes it.
                **{
                    punkt: Vurdering.OPFYLDT if ok else Vurdering.IKKE_OPFYLDT
                    for punkt, ok in fund[pk].items()
                },
            )
            for pk in valgte
        ]
    )
    return stikproeve


@transaction.atomic
def vurder_stikproevesag(
    *, user: User, sag: StikproeveSag, vurderinger: dict[str, str], kommentar: str = ""
) -> StikproeveSag:
    if not selectors.leders_stikproever(user).filter(pk=sag.stikproeve_id).exists():
        raise PermissionDenied
    if sag.stikproeve.afsluttet:
        raise ValidationError({"kommentar": _("Stikprøven er afsluttet og kan ikke ændres.")})
    fejl = {}
    for punkt in STAR_PUNKTER:
        value = vurderinger.get(punkt, "")
        if value not in Vurdering.values:
            fejl[punkt] = _("Vælg opfyldt eller ikke opfyldt.")
        else:
            setattr(sag, punkt, value)
    if fejl:
        raise ValidationError(fejl)
    sag.kommentar = (kommentar or "").strip()
    sag.vurderet_af = user
    sag.vurderet = timezone.now()
    sag.save()
    return sag


@transaction.atomic
def afslut_stikproeve(*, user: User, stikproeve: Stikproeve) -> Stikproeve:
    if not selectors.leders_stikproever(user).filter(pk=stikproeve.pk).exists():
        raise PermissionDenied
    mangler = stikproeve.sager.filter(vurderet__isnull=True).count()
    if mangler:
        raise ValidationError(
            {"afsluttet": _("%(n)s sager er endnu ikke vurderet.") % {"n": mangler}}
        )
    stikproeve.afsluttet = timezone.now()
    stikproeve.save(update_fields=["afsluttet"])
    return stikproeve
