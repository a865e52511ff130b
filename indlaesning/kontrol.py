"""One course's rows checked on their own: the columns they must share, the caseworker,
team and mentor they name (from the file's look-ups), codes, dates and periods."""

from __future__ import annotations

from django.utils.translation import gettext as _

from forloeb.models import Formaal, Lovgrundlag, Udleveringsmaade, Ydelsesgruppe
from organisation.models import Rolle

from .laesning import Raekke, kode_af, parse_dato, parse_decimal

FAELLES = (
    "cpr",
    "navn",
    "ydelsesgruppe",
    "formaal",
    "maal",
    "opgaver",
    "lovgrundlag",
    "sagsbehandler",
    "team",
    "mentor",
    "udskrivningsdato",
    "optagelsesdato",
    "ud_over_normalt",
)


class Kontrol:
    """`_Sag`'s checks of its rows (a mixin: it records the course's errors)."""

    def slaa_op(self):
        r = self.foerste
        for anden in self.raekker[1:]:
            for kolonne in FAELLES:
                if anden[kolonne].strip() != r[kolonne].strip():
                    self.fejl(
                        anden.nr,
                        kolonne,
                        _(
                            "Kolonnen afviger fra sagens første række (række %(nr)s); en sags "
                            "rækker skal have samme %(k)s."
                        )
                        % {"nr": r.nr, "k": kolonne},
                    )
        opslag = self.imp.opslag
        sb = opslag.brugere.get(r["sagsbehandler"].strip())
        if sb is None or not sb.roller or Rolle.SAGSBEHANDLER not in sb.roller:
            self.fejl(
                r.nr,
                "sagsbehandler",
                _("Ukendt sagsbehandler »%(v)s« (brugernavn på en aktiv sagsbehandler).")
                % {"v": r["sagsbehandler"]},
            )
        team = opslag.team(r["team"])
        if team is None:
            self.fejl(r.nr, "team", _("Ukendt team »%(v)s«.") % {"v": r["team"]})
        mentorer = opslag.mentorer_med(r["mentor"])
        mentor = mentorer[0] if len(mentorer) == 1 else None
        if not mentorer:
            self.fejl(
                r.nr, "mentor", _("Ukendt mentor »%(v)s« (mentorens e-mail).") % {"v": r["mentor"]}
            )
        elif len(mentorer) > 1:
            self.fejl(
                r.nr,
                "mentor",
                _("Flere mentorer har e-mailen »%(v)s«; ret den i Mentorsag først.")
                % {"v": r["mentor"]},
            )
        koder = (
            ("ydelsesgruppe", Ydelsesgruppe.values),
            ("formaal", Formaal.values),
            ("lovgrundlag", Lovgrundlag.values),
        )
        for kolonne, gyldige in koder:
            if kode_af(r[kolonne]) not in gyldige:
                self.fejl(
                    r.nr,
                    kolonne,
                    _("Ukendt kode »%(v)s«; gyldige koder: %(g)s.")
                    % {"v": r[kolonne], "g": ", ".join(gyldige)},
                )
        datoer = {}
        for kolonne in ("udskrivningsdato", "optagelsesdato", "mentor_fra"):
            if r[kolonne].strip():
                try:
                    datoer[kolonne] = parse_dato(r[kolonne])
                except ValueError as exc:
                    self.fejl(r.nr, kolonne, str(exc))
        return sb, team, mentor, datoer

    def perioder(self) -> list[tuple[Raekke, dict]]:
        result = []
        for r in self.raekker:
            p, ok = {}, True
            for kolonne, parser in (
                ("periode_start", parse_dato),
                ("periode_slut", parse_dato),
                ("timer_pr_uge", parse_decimal),
            ):
                try:
                    p[kolonne] = parser(r[kolonne])
                except ValueError as exc:
                    self.fejl(r.nr, kolonne, str(exc))
                    ok = False
            if r["aftale_udleveret"].strip():
                try:
                    p["aftale_udleveret"] = parse_dato(r["aftale_udleveret"])
                except ValueError as exc:
                    self.fejl(r.nr, "aftale_udleveret", str(exc))
                    ok = False
                maade = kode_af(r["udleveringsmaade"])
                if maade not in Udleveringsmaade.values:
                    self.fejl(
                        r.nr,
                        "udleveringsmaade",
                        _("Ukendt kode »%(v)s«; gyldige koder: %(g)s.")
                        % {"v": r["udleveringsmaade"], "g": ", ".join(Udleveringsmaade.values)},
                    )
                    ok = False
            if ok:
                result.append((r, p))
        return sorted(result, key=lambda rp: rp[1]["periode_start"])

    # -- writing --
