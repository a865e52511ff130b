"""The week file's rows of one course: read, then written through the week services (all
at once for a course this run creates, one week at a time for one that exists)."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import Forloeb
from tidsregistrering import services as tid_services
from tidsregistrering.choices import IngenKontaktAarsag, Kontaktform
from tidsregistrering.models import Ugeregistrering
from tidsregistrering.uger import uge_mandag

from .laesning import Afbryd, kode_af, parse_heltal, parse_tidspunkt
from .rapport import OPRETTET


class Ugefil:
    """`_Sag`'s weeks (a mixin: it uses the course's errors and service calls)."""

    def ugeposter(self, perioder, tilknytninger) -> list[tuple[int, dict]]:
        """The week file's rows of this course, read: (row, the week for the services)."""
        today = timezone.localdate()
        samlet: list[tuple[int, dict]] = []
        for r in self.uger:
            try:
                aar, uge = parse_heltal(r["aar"]), parse_heltal(r["uge"])
            except ValueError as exc:
                self.fejl(r.nr, "uge", str(exc))
                continue
            try:
                mandag = uge_mandag(aar, uge)
            except ValidationError as exc:
                self.fra_validering(r.nr, exc, "uge")
                continue
            aarsag, form = kode_af(r["ingen_kontakt_aarsag"]), kode_af(r["form"])
            if aarsag and aarsag not in IngenKontaktAarsag.values:
                self.fejl(
                    r.nr,
                    "ingen_kontakt_aarsag",
                    _("Ukendt kode »%(v)s«; gyldige koder: %(g)s.")
                    % {"v": r["ingen_kontakt_aarsag"], "g": ", ".join(IngenKontaktAarsag.values)},
                )
                continue
            if not aarsag and form not in Kontaktform.values:
                self.fejl(
                    r.nr,
                    "form",
                    _("Ukendt kode »%(v)s«; gyldige koder: %(g)s.")
                    % {"v": r["form"], "g": ", ".join(Kontaktform.values)},
                )
                continue
            dage = [mandag + dt.timedelta(days=i) for i in range(7)]
            i_periode = [
                d for d in dage if d <= today and any(p.start <= d <= p.slut for p in perioder)
            ]
            dato = i_periode[0] if i_periode else mandag
            tilknytning = next(
                (t for t in tilknytninger if t.fra <= dato and (t.til is None or dato <= t.til)),
                tilknytninger[-1] if tilknytninger else None,
            )
            mentor = tilknytning.mentor if tilknytning else None
            if mentor is None or mentor.bruger is None:
                self.fejl(
                    r.nr,
                    "uge",
                    _("Mentoren %(m)s har intet login i Mentorsag; ugen kan ikke registreres.")
                    % {"m": mentor or "-"},
                )
                continue
            kontakter = []
            if not aarsag:
                try:
                    minutter = parse_heltal(r["minutter"])
                except ValueError as exc:
                    self.fejl(r.nr, "minutter", str(exc))
                    continue
                kontakter = [{"dato": dato, "minutter": minutter, "form": form, "emner": []}]
            registreret = None
            if r["registreret"].strip():
                try:
                    registreret = parse_tidspunkt(r["registreret"])
                except ValueError as exc:
                    self.fejl(r.nr, "registreret", str(exc))
                    continue
            item = {
                "mentor": mentor,
                "aar": aar,
                "uge": uge,
                "kontakter": kontakter,
                "ingen_kontakt_aarsag": aarsag,
                "registreret": registreret,
            }
            samlet.append((r.nr, item))
        return samlet

    def registrer_uger(self, forloeb: Forloeb) -> None:
        perioder = list(forloeb.bevillinger.all())
        tilknytninger = list(forloeb.tilknytninger.select_related("mentor__bruger"))
        samlet = self.ugeposter(perioder, tilknytninger)
        if self.resultat.status == OPRETTET:
            # A course this run created has no weeks yet: all of them in one go.
            if samlet and not self.resultat.fejl:
                afvist = self.kald(
                    samlet[0][0],
                    "uge",
                    tid_services.registrer_nye_uger,
                    forloeb=forloeb,
                    uger=[item for _nr, item in samlet],
                )
                for i, exc in sorted(afvist.items()):
                    self.fra_validering(samlet[i][0], exc, "uge")
            return
        for nr, item in samlet:
            mentor, aar, uge = item["mentor"], item["aar"], item["uge"]
            kontakter, aarsag = item["kontakter"], item["ingen_kontakt_aarsag"]
            gemt = (
                Ugeregistrering.objects.filter(forloeb=forloeb, aar=aar, uge=uge, mentor=mentor)
                .prefetch_related("kontakter")
                .first()
            )
            if gemt is not None and _samme_uge(gemt, kontakter, aarsag):
                continue
            if gemt is None and item["registreret"]:
                try:
                    tid_services.tjek_registreret(
                        item["registreret"], uge_mandag(aar, uge), aar=aar, uge=uge
                    )
                except ValidationError as exc:
                    self.fra_validering(nr, exc, "registreret")
                    continue
            with contextlib.suppress(Afbryd):
                ny = self.kald(
                    nr,
                    "uge",
                    tid_services.registrer_uge,
                    user=mentor.bruger,
                    forloeb=forloeb,
                    aar=aar,
                    uge=uge,
                    kontakter=kontakter,
                    ingen_kontakt_aarsag=aarsag,
                    version=gemt.version if gemt else None,
                )
                if gemt is None and item["registreret"]:
                    Ugeregistrering.objects.filter(pk=ny.pk).update(registreret=item["registreret"])
                self.resultat.aendringer.append(_("uge %(u)s, %(a)s") % {"u": uge, "a": aar})


def _samme_uge(gemt: Ugeregistrering, kontakter: list[dict], aarsag: str) -> bool:
    nu = sorted((k.dato, k.minutter, k.form) for k in gemt.kontakter.all())
    ny = sorted((k["dato"], k["minutter"], k["form"]) for k in kontakter)
    return nu == ny and gemt.ingen_kontakt_aarsag == aarsag
