"""A course that exists already: what a corrected file changes, through the services one
call at a time (content, mentor, hours, new periods, hand-outs)."""

from __future__ import annotations

import contextlib

from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb import services as forloeb_services
from forloeb.models import Bevilling, Forloeb, Status
from organisation.models import User

from .laesning import Afbryd, kode_af
from .rapport import OPRETTET


class Rettelser:
    """`_Sag`'s writes through the services (a mixin: it uses the course's errors)."""

    def ret_forloeb(self, sb, team, mentor, forloeb, borger, indhold, perioder, datoer) -> None:
        r = self.foerste
        if forloeb.borger_id != borger.pk:
            self.fejl(
                r.nr,
                "cpr",
                _("Sagsnummeret er allerede importeret for en anden borger; ret CPR-nummeret."),
            )
            raise Afbryd
        if forloeb.team_id != team.pk or forloeb.sagsbehandler_id != sb.pk:
            self.fejl(
                r.nr,
                "sagsbehandler",
                _(
                    "Forløbet har en anden sagsbehandler eller et andet team i Mentorsag; brug "
                    "overdragelse af forløb i stedet for at rette filen."
                ),
            )
            raise Afbryd
        if forloeb.status == Status.AFSLUTTET:
            self.fejl(r.nr, "", _("Forløbet er afsluttet og kan ikke ændres."))
            raise Afbryd
        rettet = {k: v for k, v in indhold.items() if (getattr(forloeb, k) or None) != (v or None)}
        if rettet:
            self.kald(
                r.nr,
                "",
                forloeb_services.opdater_forloeb,
                user=sb,
                forloeb=forloeb,
                version=forloeb.version,
                **rettet,
            )
            self.resultat.aendringer += sorted(rettet)
        if forloeb.mentor_id != mentor.pk:
            forloeb.refresh_from_db()
            sidste = perioder[-1][0] if perioder else r
            self.kald(
                r.nr,
                "mentor",
                forloeb_services.tildel_mentor,
                user=sb,
                forloeb=forloeb,
                mentor=mentor,
                fra=datoer.get("mentor_fra"),
                begrundelse=_("Rettet ved import af %(fil)s") % {"fil": self.imp.filnavn},
                kvalifikationer=sidste["kvalifikationer"].strip(),
            )
            self.resultat.aendringer.append(_("mentor"))

    def bevilg(self, sb: User, forloeb: Forloeb, perioder) -> None:
        today = timezone.localdate()
        eksisterende = {b.start: b for b in forloeb.bevillinger.all()}
        for raekke, p in perioder:
            start, slut, timer = p["periode_start"], p["periode_slut"], p["timer_pr_uge"]
            bevilling = eksisterende.get(start)
            if bevilling is None:
                try:
                    bevilling = self.kald(
                        raekke.nr,
                        "",
                        forloeb_services.bevilg_periode,
                        user=sb,
                        forloeb=forloeb,
                        start=start,
                        slut=slut,
                        timer_pr_uge=timer,
                        kvalifikationer=raekke["kvalifikationer"],
                        vurdering=raekke["vurdering"],
                        besluttet=min(start, today),
                    )
                except Afbryd:
                    continue
                forloeb.refresh_from_db()
                if self.resultat.status != OPRETTET:
                    self.resultat.aendringer.append(_("ny periode %(p)s") % {"p": bevilling})
            else:
                if bevilling.slut != slut:
                    self.fejl(
                        raekke.nr,
                        "periode_slut",
                        _(
                            "Perioden fra %(start)s er bevilget til %(slut)s; en bevilget "
                            "periodes slutdato ændres ikke ved import."
                        )
                        % {"start": f"{start:%d.%m.%Y}", "slut": f"{bevilling.slut:%d.%m.%Y}"},
                    )
                    continue
                if bevilling.timer_gaeldende(start) != timer:
                    try:
                        self.kald(
                            raekke.nr,
                            "timer_pr_uge",
                            forloeb_services.aendr_timer,
                            user=sb,
                            bevilling=bevilling,
                            gaelder_fra=start,
                            timer_pr_uge=timer,
                            begrundelse=_("Rettet ved import af %(fil)s")
                            % {"fil": self.imp.filnavn},
                        )
                    except Afbryd:
                        continue
                    self.resultat.aendringer.append(
                        _("timer pr. uge i perioden %(p)s") % {"p": bevilling}
                    )
            if "aftale_udleveret" in p:
                aftale = Bevilling.objects.get(pk=bevilling.pk).aftale
                if aftale is not None and aftale.udleveret is None:
                    with contextlib.suppress(Afbryd):
                        self.kald(
                            raekke.nr,
                            "aftale_udleveret",
                            forloeb_services.udlever_aftale,
                            user=sb,
                            aftale=aftale,
                            dato=p["aftale_udleveret"],
                            maade=kode_af(raekke["udleveringsmaade"]),
                        )
                        if self.resultat.status != OPRETTET:
                            self.resultat.aendringer.append(
                                _("aftale udleveret (%(p)s)") % {"p": bevilling}
                            )
