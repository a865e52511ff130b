"""The national scale's citizens and courses as COPY rows: the shared plan (demo.plan)
and timeline (demo.tidslinje), plus the documentation gaps only COPY can write."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from forloeb import cpr, services
from forloeb.models import (
    Bevilling,
    Borger,
    Forloeb,
    Mentoraftale,
    Mentortilknytning,
    MentorType,
    Timeaendring,
)

from .. import draw, plan, tekster, uger
from .. import fordelinger as F
from ..tidslinje import Tidslinje, tidslinje, versioner
from . import boern
from .bulk import ts
from .kommuner import AAR, VAEKST
from .kontekst import Kontekst
from .personer import Org


@dataclass
class Kurs:
    """What the week pass needs of one course."""

    id: int
    sagsbehandler: int
    ugeforloeb: uger.Ugeforloeb


def tabeller(ctx: Kontekst) -> None:
    ctx.tabel(
        "borger",
        Borger,
        [
            "id", "organisation_id", "cpr_krypteret", "cpr_hash", "foedselsdato", "navn",
            "adresse", "telefon", "ydelsesgruppe", "visitation", "ret_og_pligt",
            "problemomraader", "oensker_til_mentor", "oprettet",
        ],
    )  # fmt: skip
    ctx.tabel(
        "forloeb",
        Forloeb,
        [
            "id", "organisation_id", "team_id", "borger_id", "sagsbehandler_id", "formaal",
            "maal", "opgaver", "stoettetype", "lovgrundlag", "udskrivningsdato",
            "optagelsesdato", "ud_over_normalt", "status", "mentor_id", "oprettet", "version",
        ],
    )  # fmt: skip
    ctx.tabel(
        "tilknytning",
        Mentortilknytning,
        ["id", "forloeb_id", "mentor_id", "fra", "til", "begrundelse", "kvalifikationer",
         "oprettet_af_id", "oprettet"],
    )  # fmt: skip
    ctx.tabel(
        "bevilling",
        Bevilling,
        ["id", "forloeb_id", "start", "slut", "timer_pr_uge", "kvalifikationer", "vurdering",
         "besluttet", "besluttet_af_id", "oprettet"],
    )  # fmt: skip
    ctx.tabel(
        "aftale",
        Mentoraftale,
        ["id", "bevilling_id", "version", "dato", "aarsag", "maal", "mentor_navn",
         "mentor_kontakt", "opgaver", "start", "slut", "timer_pr_uge", "klagevejledning",
         "oprettet", "udleveret", "udleveringsmaade"],
    )  # fmt: skip
    ctx.tabel(
        "timeaendring",
        Timeaendring,
        ["id", "bevilling_id", "gaelder_fra", "timer_pr_uge", "begrundelse",
         "besluttet_af_id", "oprettet"],
    )  # fmt: skip


def _start_dato(ctx: Kontekst) -> date:
    """A start date in the last AAR years, starts growing by VAEKST a year (inverse CDF)."""
    u = ctx.rng.random()
    years_ago = -math.log(1 - u * (1 - math.exp(-VAEKST * AAR))) / VAEKST
    return ctx.today - timedelta(days=int(years_ago * 365.25))


def planlaeg(ctx: Kontekst, orgs: list[Org]) -> dict[int, list[tuple[plan.Forloebsplan, bool]]]:
    """All courses' plans, dealt from one quota over the whole country, with start dates
    and whether each is active today."""
    planer = plan.tegn(ctx.rng, sum(o.n_forloeb for o in orgs))
    result, i = {}, 0
    for org in orgs:
        egne = planer[i : i + org.n_forloeb]
        i += org.n_forloeb
        for p in egne:
            p.start = _start_dato(ctx)
            if p.mentortype == MentorType.EKSTERN and not org.eksterne:
                p.mentortype = MentorType.INTERN
        egne.sort(key=lambda p: p.start)
        result[org.id] = [(p, plan.er_aktiv(ctx.rng, p, ctx.today)) for p in egne]
    return result


def aktive_pr_type(org: Org, planer) -> dict[str, int]:
    typer = Counter(p.mentortype for p, aktiv in planer if aktiv)
    return {t: typer[t] for t in F.MENTORTYPER if org.eksterne or t != MentorType.EKSTERN}


class Skriver:
    """Writes one organisation's citizens and courses."""

    def __init__(self, ctx: Kontekst):
        self.ctx = ctx
        self.fernet = cpr._fernet()
        self.klage = str(services.KLAGEVEJLEDNING)
        self.kurser: list[Kurs] = []

    def org(self, org: Org, planer) -> None:
        self.cpr_brugt: set[str] = set()
        genbrug = plan.Genbrug(self.ctx.rng)
        for p, aktiv in planer:
            borger = genbrug.tag(p.start) or self._borger(org, p)
            self.kurser.append(self._forloeb(org, p, aktiv, borger))
            if not aktiv:
                genbrug.afsluttet(p.planlagt_slut, borger)

    def _borger(self, org: Org, p: plan.Forloebsplan) -> tuple[int, bool, list[str]]:
        ctx, rng, fake = self.ctx, self.ctx.rng, self.ctx.fake
        bid = ctx.ids(Borger)
        born = draw.foedselsdato(rng, p.start, p.alder)
        digits = draw.cpr_nummer(rng, born, p.mand, self.cpr_brugt)
        visitation = plan.visitation(rng, p)
        rop = plan.ret_og_pligt(rng, p, visitation)
        emner = draw.problemomraader(rng, p.under_30)
        first = fake.first_name_male() if p.mand else fake.first_name_female()
        ctx["borger"].add(
            bid, org.id, self.fernet.encrypt(digits.encode()).decode(), cpr.lookup_hash(digits),
            born.isoformat(), f"{first} {fake.last_name()}", fake.street_address(),
            f"{rng.randrange(2, 10)}{rng.randrange(10**7):07d}", p.ydelse, visitation, rop,
            emner, rng.choice(tekster.OENSKER), ts(p.start - timedelta(days=20)),
        )  # fmt: skip
        return bid, rop, emner, born

    def _forloeb(self, org: Org, p: plan.Forloebsplan, aktiv: bool, borger) -> Kurs:
        ctx, rng = self.ctx, self.ctx.rng
        borger_id, rop, emner, born = borger
        fid = ctx.ids(Forloeb)
        team_id, sbs = org.teams[rng.randrange(len(org.teams))]
        sb = rng.choice(sbs)
        plan.saet_formaal_og_grundlag(rng, p, rop, born)
        t = tidslinje(rng, p, aktiv, ctx.today)
        pladser = org.korps.til_forloeb(p.mentortype, aktiv=aktiv, skift=t.skift is not None)
        tilknytninger = self._tilknytninger(org, fid, sb, t, p.start, pladser)
        # Gaps from older systems (the services would refuse them): demo.fordelinger.HUL_*.
        formaal = "" if rng.random() < F.HUL_FORMAAL else p.formaal
        opgaver = "" if rng.random() < F.HUL_OPGAVER else rng.choice(tekster.OPGAVER)
        maal = rng.choice(tekster.MAAL[formaal]) if formaal else ""
        ud_over = any(pl.type in services.SKAL_GAA_UD_OVER_NORMALT for pl in pladser)
        ctx["forloeb"].add(
            fid, org.id, team_id, borger_id, sb, formaal, maal, opgaver, p.stoettetype,
            p.lovgrundlag, p.udskrivning.isoformat() if p.udskrivning else None,
            p.optagelse.isoformat() if p.optagelse else None,
            tekster.UD_OVER_NORMALT if ud_over else "", "aktiv" if aktiv else "afsluttet",
            pladser[-1].id, ts(p.start - timedelta(days=rng.randint(3, 20))), 1,
        )  # fmt: skip
        perioder = self._perioder(org, fid, sb, p, t, maal, opgaver, pladser)
        boern.skriv(ctx, fid, sb, p, t, [pl.id for pl in pladser], org)
        kurs = uger.Ugeforloeb(
            perioder=perioder, tilknytninger=tilknytninger, til=t.til, emner=emner
        )
        return Kurs(fid, sb, kurs)

    def _tilknytninger(self, org, fid, sb, t: Tidslinje, start: date, pladser) -> list:
        """One mentor at a time (tildel_mentor: the old assignment ends the day before the
        new one starts, a change gives a reason and the new mentor's qualifications; the
        end of the course ends the last one, afslut_forloeb)."""
        fra = [start] + ([t.skift] if t.skift else [])
        til = [d - timedelta(days=1) for d in fra[1:]] + [t.slut]
        result = []
        for plads, a, b in zip(pladser, fra, til, strict=True):
            skift = a != start
            m = org.mentorer[plads.id]
            self.ctx["tilknytning"].add(
                self.ctx.ids(Mentortilknytning), fid, plads.id, a.isoformat(),
                b.isoformat() if b else None,
                self.ctx.rng.choice(tekster.SKIFTEGRUNDE) if skift else "",
                tekster.KVALIFIKATIONER.format(navn=m["navn"], timer=m["timer"]) if skift else "",
                sb, ts(a),
            )  # fmt: skip
            result.append((plads.id, a, b))
        return result

    def _perioder(self, org, fid, sb, p, t: Tidslinje, maal, opgaver, pladser) -> list:
        """The timeline's periods with a written assessment from the second on (LAB § 167),
        and their agreement versions (demo.tidslinje.versioner: what bevilg_periode,
        aendr_timer and tildel_mentor write)."""
        ctx, rng = self.ctx, self.ctx.rng
        result = []
        for nr, periode in enumerate(t.perioder):
            m = org.mentorer[pladser[min(t.mentor_nr(periode.start), len(pladser) - 1)].id]
            bid = ctx.ids(Bevilling)
            kval = (
                ""
                if rng.random() < F.HUL_KVALIFIKATIONER
                else tekster.KVALIFIKATIONER.format(navn=m["navn"], timer=m["timer"])
            )
            ctx["bevilling"].add(
                bid, fid, periode.start.isoformat(), periode.slut.isoformat(), p.timer, kval,
                "" if nr == 0 else tekster.VURDERING, periode.besluttet.isoformat(), sb,
                ts(periode.besluttet),
            )  # fmt: skip
            aendringer = []
            if periode.timeaendring is not None:
                fra, timer = periode.timeaendring
                ctx["timeaendring"].add(
                    ctx.ids(Timeaendring), bid, fra.isoformat(), timer, tekster.TIMEAENDRING, sb,
                    ts(fra),
                )  # fmt: skip
                aendringer.append((fra, timer))
            for version, v in enumerate(versioner(t, periode, p.timer), 1):
                m = org.mentorer[pladser[min(v.mentor_nr, len(pladser) - 1)].id]
                ctx["aftale"].add(
                    ctx.ids(Mentoraftale), bid, version, v.dato.isoformat(), v.aarsag, maal,
                    m["navn"], f"{m['telefon']}, {m['email']}", opgaver,
                    periode.start.isoformat(), periode.slut.isoformat(), v.timer, self.klage,
                    ts(v.dato), v.udleveret.isoformat() if v.udleveret else None, v.maade,
                )  # fmt: skip
            result.append((periode.start, periode.slut, p.timer, aendringer))
        return result
