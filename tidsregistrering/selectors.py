"""Reads about week registrations, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forloeb.models import Bevilling, Forloeb, Mentortilknytning, Timeaendring
from forloeb.selectors_mentor import mentorens_forloeb
from forloeb.timer import formater_timer, timesegmenter, ugens_timer
from organisation.models import User

from . import dele
from .models import Kontakt, Ugeregistrering
from .uger import iso_uge, uge_mandag

# A week above this is implausible enough to show the caseworker (37 h cannot be saved).
HOEJT_TIMETAL_MINUTTER = 20 * 60
ENS_TOTAL_UGER = 4
SEN_REGISTRERING_DAGE = 14


class Tilstand:
    REGISTRERET = "registreret"
    INGEN_KONTAKT = "ingen_kontakt"
    MANGLER = "mangler"
    IKKE_AKTUEL = "ikke_aktuel"

    LABELS = {
        REGISTRERET: gettext_lazy("Registreret"),
        INGEN_KONTAKT: gettext_lazy("Ingen kontakt"),
        MANGLER: gettext_lazy("Mangler"),
        IKKE_AKTUEL: gettext_lazy("Ikke aktuel"),
    }
    TAGS = {REGISTRERET: "ok", INGEN_KONTAKT: "warn", MANGLER: "bad", IKKE_AKTUEL: ""}


def _tilstand(registrering: Ugeregistrering | None) -> str:
    if registrering is None:
        return Tilstand.MANGLER
    if registrering.ingen_kontakt_aarsag:
        return Tilstand.INGEN_KONTAKT
    return Tilstand.REGISTRERET


def synlige_forloeb(user: User) -> QuerySet[Forloeb]:
    return Forloeb.objects.synlige_for(user)


def synlige_registreringer(user: User) -> QuerySet[Ugeregistrering]:
    """Week registrations the user may read: those of courses whose content she may see,
    and — for a former mentor — the weeks she registered herself (her own records)."""
    if not getattr(user, "is_authenticated", False):
        return Ugeregistrering.objects.none()
    indhold = Forloeb.objects.med_indhold_for(user).values("pk")
    return Ugeregistrering.objects.filter(
        Q(forloeb_id__in=indhold) | Q(mentor__bruger=user, mentor__bruger__isnull=False)
    )


# --- Anomalies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anomali:
    kode: str
    tekst: str
    aar: int
    uge: int


def anomalier(registreringer: list[Ugeregistrering]) -> list[Anomali]:
    """Implausible patterns among one course's registrations (any order)."""
    regs = sorted(registreringer, key=lambda r: r.uge_start)
    found: list[Anomali] = []
    for r in regs:
        if r.minutter_i_alt > HOEJT_TIMETAL_MINUTTER:
            found.append(
                Anomali(
                    "hoejt_timetal",
                    _("Uge %(uge)s/%(aar)s: %(timer)s timer er usædvanligt mange.")
                    % {"uge": r.uge, "aar": r.aar, "timer": _timer(r.minutter_i_alt)},
                    r.aar,
                    r.uge,
                )
            )
        registreret = timezone.localdate(r.registreret)
        dage = (registreret - (r.uge_start + timedelta(days=6))).days
        if dage > SEN_REGISTRERING_DAGE:
            found.append(
                Anomali(
                    "sen_registrering",
                    _("Uge %(uge)s/%(aar)s blev registreret %(dage)s dage efter ugens slutning.")
                    % {"uge": r.uge, "aar": r.aar, "dage": dage},
                    r.aar,
                    r.uge,
                )
            )
    # Identical non-zero totals in consecutive weeks.
    run: list[Ugeregistrering] = []
    for r in regs + [None]:
        continues = (
            r is not None
            and run
            and r.minutter_i_alt == run[-1].minutter_i_alt
            and r.uge_start == run[-1].uge_start + timedelta(weeks=1)
        )
        if continues:
            run.append(r)
            continue
        if len(run) >= ENS_TOTAL_UGER:
            first, last = run[0], run[-1]
            found.append(
                Anomali(
                    "ens_total",
                    _(
                        "Præcis %(timer)s timer hver uge i %(antal)s uger i træk "
                        "(uge %(fra)s/%(fra_aar)s–%(til)s/%(til_aar)s)."
                    )
                    % {
                        "timer": _timer(first.minutter_i_alt),
                        "antal": len(run),
                        "fra": first.uge,
                        "fra_aar": first.aar,
                        "til": last.uge,
                        "til_aar": last.aar,
                    },
                    first.aar,
                    first.uge,
                )
            )
        run = [r] if r is not None and r.minutter_i_alt > 0 else []
    return sorted(found, key=lambda a: (a.aar, a.uge, a.kode))


def _timer(minutter: int) -> str:
    return formater_timer(Decimal(minutter) / 60)


# --- Granted vs delivered -------------------------------------------------------------------


@dataclass
class Leveringsuge:
    aar: int
    uge: int
    mandag: date
    bevilget_timer: Decimal
    registreringer: list[Ugeregistrering]
    # Mentors with a part of the week (tidsregistrering.dele) and no registration of it.
    mangler: list = field(default_factory=list)
    anomalier: list[Anomali] = field(default_factory=list)

    @property
    def registrering(self) -> Ugeregistrering | None:
        """The week's registration when one mentor registered it (the usual case)."""
        return self.registreringer[0] if len(self.registreringer) == 1 else None

    @property
    def leveret_minutter(self) -> int:
        return sum(r.minutter_i_alt for r in self.registreringer)

    @property
    def leveret_timer(self) -> str:
        return _timer(self.leveret_minutter)

    @property
    def bevilget_tekst(self) -> str:
        return formater_timer(self.bevilget_timer)

    @property
    def tilstand(self) -> str:
        if self.mangler or not self.registreringer:
            return Tilstand.MANGLER
        if all(r.ingen_kontakt_aarsag for r in self.registreringer):
            return Tilstand.INGEN_KONTAKT
        return Tilstand.REGISTRERET

    @property
    def tilstand_tekst(self):
        return Tilstand.LABELS[self.tilstand]

    @property
    def tag(self) -> str:
        return Tilstand.TAGS[self.tilstand]

    @property
    def afsluttet(self) -> bool:
        return self.mandag + timedelta(days=6) < timezone.localdate()

    @property
    def til_godkendelse(self) -> list[Ugeregistrering]:
        if not self.afsluttet:
            return []
        return [r for r in self.registreringer if not r.er_godkendt]

    @property
    def kan_godkendes(self) -> bool:
        return bool(self.til_godkendelse)


@dataclass
class Levering:
    forloeb: Forloeb
    uger: list[Leveringsuge]
    anomalier: list[Anomali]

    @property
    def bevilget_timer(self) -> str:
        return formater_timer(sum((u.bevilget_timer for u in self.uger), Decimal(0)))

    @property
    def leveret_timer(self) -> str:
        return _timer(sum(u.leveret_minutter for u in self.uger))

    @property
    def ingen_kontakt_uger(self) -> list[Leveringsuge]:
        return [u for u in self.uger if u.tilstand == Tilstand.INGEN_KONTAKT]

    @property
    def manglende_uger(self) -> list[Leveringsuge]:
        return [u for u in self.uger if u.tilstand == Tilstand.MANGLER and u.afsluttet]

    @property
    def kan_godkendes(self) -> list[Ugeregistrering]:
        return [r for u in self.uger for r in u.til_godkendelse]

    @property
    def uger_med_kontakt_pct(self) -> int:
        done = [u for u in self.uger if u.afsluttet]
        if not done:
            return 0
        return round(100 * sum(1 for u in done if u.leveret_minutter) / len(done))

    @property
    def maks_timer(self) -> Decimal:
        values = [u.bevilget_timer for u in self.uger] + [
            Decimal(u.leveret_minutter) / 60 for u in self.uger
        ]
        return max(values + [Decimal(1)])


def levering(forloeb: Forloeb, *, idag: date | None = None) -> Levering:
    """Granted vs delivered hours per ISO week, from the first granted week up to this week
    (or the course's end). Granted hours come from forloeb.timer (a day is 1/7 of the weekly
    hours in force), the same answer LEVERING_AFVIGER and the dashboard give."""
    idag = idag or timezone.localdate()
    perioder = list(
        Bevilling.objects.filter(forloeb=forloeb)
        .prefetch_related(
            Prefetch("timeaendringer", queryset=Timeaendring.objects.order_by("gaelder_fra"))
        )
        .order_by("start")
    )
    tilknytninger = list(forloeb.tilknytninger.select_related("mentor"))
    registreringer = list(
        Ugeregistrering.objects.filter(forloeb=forloeb)
        .select_related("mentor", "godkendt_af")
        .prefetch_related("kontakter")
        .order_by("uge_start", "pk")
    )
    found = anomalier(_ugesummer(registreringer))
    by_week: dict[tuple[int, int], list[Ugeregistrering]] = {}
    for r in registreringer:
        by_week.setdefault((r.aar, r.uge), []).append(r)
    segmenter = timesegmenter(perioder)
    afslutning = getattr(forloeb, "afslutning", None)
    slutdato = afslutning.dato if afslutning else None
    uger: list[Leveringsuge] = []
    if perioder:
        slut = min(max(p.slut for p in perioder), idag)
        if slutdato:
            slut = min(slut, slutdato)
        aar, uge = iso_uge(perioder[0].start)
        mandag = uge_mandag(aar, uge)
        while mandag <= slut:
            timer = ugens_timer(segmenter, mandag)
            aar, uge = iso_uge(mandag)
            rows = by_week.pop((aar, uge), [])
            dele_i_ugen = dele.dele(
                mandag=mandag, perioder=perioder, tilknytninger=tilknytninger, afslutning=slutdato
            )
            registreret_af = {r.mentor_id for r in rows}
            mentorer = {t.mentor_id: t.mentor for t in tilknytninger}
            mangler = [mentorer[m] for m in dele_i_ugen if m not in registreret_af]
            if timer or rows:
                uger.append(
                    Leveringsuge(
                        aar,
                        uge,
                        mandag,
                        timer,
                        rows,
                        mangler,
                        [a for a in found if (a.aar, a.uge) == (aar, uge)],
                    )
                )
            mandag += timedelta(weeks=1)
    return Levering(forloeb=forloeb, uger=uger, anomalier=found)


@dataclass
class _Ugesum:
    """A week's registrations summed over mentors, for the anomaly checks."""

    aar: int
    uge: int
    uge_start: date
    minutter_i_alt: int
    registreret: object


def _ugesummer(registreringer: list[Ugeregistrering]) -> list[_Ugesum]:
    uger: dict[date, _Ugesum] = {}
    for r in registreringer:
        u = uger.get(r.uge_start)
        if u is None:
            uger[r.uge_start] = _Ugesum(r.aar, r.uge, r.uge_start, r.minutter_i_alt, r.registreret)
        else:
            u.minutter_i_alt += r.minutter_i_alt
            u.registreret = max(u.registreret, r.registreret)
    return list(uger.values())


# --- Min uge --------------------------------------------------------------------------------


@dataclass
class Ugefelt:
    aar: int
    uge: int
    registrering: Ugeregistrering | None  # the mentor's own row
    kan_registreres: bool
    grund: str = ""

    @property
    def tilstand(self) -> str:
        if self.registrering is None and not self.kan_registreres:
            return Tilstand.IKKE_AKTUEL
        return _tilstand(self.registrering)

    @property
    def tilstand_tekst(self):
        return Tilstand.LABELS[self.tilstand]

    @property
    def tag(self) -> str:
        return Tilstand.TAGS[self.tilstand]

    @property
    def laast(self) -> bool:
        return bool(self.registrering and self.registrering.er_godkendt)


@dataclass
class MinUgeRaekke:
    forloeb: Forloeb
    uger: dict[tuple[int, int], Ugefelt]

    def felt(self, aar: int, uge: int) -> Ugefelt:
        return self.uger[(aar, uge)]


def min_uge(user: User, *, uger: list[tuple[int, int]]) -> list[MinUgeRaekke]:
    """The mentor's citizens in the given weeks (forloeb.selectors_mentor.mentorens_forloeb,
    the same answer as "Mine borgere") with her part of each week. A fixed number of
    queries whatever the number of citizens."""
    mondays = [uge_mandag(a, u) for a, u in uger]
    first, last = min(mondays), max(mondays) + timedelta(days=6)
    forloeb = (
        mentorens_forloeb(user, first, last)
        .select_related("borger", "afslutning")
        .prefetch_related(
            Prefetch(
                "ugeregistreringer",
                queryset=Ugeregistrering.objects.filter(
                    uge_start__in=mondays, mentor__bruger=user
                ).prefetch_related(
                    Prefetch("kontakter", queryset=Kontakt.objects.order_by("dato", "pk"))
                ),
                to_attr="valgte_registreringer",
            ),
            Prefetch(
                "bevillinger",
                queryset=Bevilling.objects.filter(start__lte=last, slut__gte=first),
                to_attr="valgte_perioder",
            ),
            Prefetch(
                "tilknytninger",
                queryset=Mentortilknytning.objects.filter(mentor__bruger=user),
                to_attr="mine_tilknytninger",
            ),
        )
        .order_by("borger__navn", "pk")
    )
    idag = timezone.localdate()
    rows = []
    for f in forloeb:
        regs = {(r.aar, r.uge): r for r in f.valgte_registreringer}
        afslutning = getattr(getattr(f, "afslutning", None), "dato", None)
        felter = {}
        for (aar, uge), mandag in zip(uger, mondays, strict=True):
            grund = ""
            if mandag > idag:
                grund = _("Ugen er ikke begyndt.")
            elif not dele.dage(
                mandag=mandag, perioder=f.valgte_perioder, tilknytninger=f.mine_tilknytninger
            ):
                if dele.dage(
                    mandag=mandag,
                    perioder=f.valgte_perioder,
                    tilknytninger=[_Altid()],
                ):
                    grund = _("Du var ikke mentor på forløbet i denne uge.")
                else:
                    grund = _("Ugen ligger uden for den bevilgede periode.")
            elif not dele.dage(
                mandag=mandag,
                perioder=f.valgte_perioder,
                tilknytninger=f.mine_tilknytninger,
                afslutning=afslutning,
            ):
                grund = _("Forløbet var afsluttet i denne uge.")
            felter[(aar, uge)] = Ugefelt(aar, uge, regs.get((aar, uge)), not grund, grund)
        rows.append(MinUgeRaekke(f, felter))
    return rows


class _Altid:
    """An assignment covering every day (to ask whether a period covers the week)."""

    fra = date.min
    til = None


# --- Export ---------------------------------------------------------------------------------


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


def registrering_for(user: User, pk: int) -> Ugeregistrering:
    """A registration on a course the user may see (404 otherwise, by the caller)."""
    return synlige_registreringer(user).select_related("forloeb").get(pk=pk)
