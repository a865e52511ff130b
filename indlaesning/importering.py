"""Import of running courses: every row goes through the services, so an import refuses
what a screen would refuse, with the same Danish messages.

One course (all rows with one `sagsnummer`) is written in its own savepoint, all inside
one transaction. A dry run (the default) runs everything and rolls back, so its report
holds the real errors; `commit` keeps the lot only if every course went in, `delvis`
keeps the valid courses and reports the rest. A course is found again by its
(organisation, sagsnummer): a re-run changes nothing, a corrected row updates what
differs and says what.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from types import SimpleNamespace

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from forloeb import cpr
from forloeb import services as forloeb_services
from forloeb.models import (
    Borger,
    Forloeb,
)
from organisation.models import Organisation, User

from . import nye
from .kontrol import Kontrol
from .laesning import (
    FORLOEB_PAAKRAEVET,
    FORLOEB_VALGFRI,
    UGER_PAAKRAEVET,
    UGER_VALGFRI,
    Afbryd,
    Filfejl,
    Raekke,
    kode_af,
    laes,
)
from .opslag import Opslag
from .rapport import FEJL, OPDATERET, OPRETTET, UAENDRET, Fejlpost, Rapport, Sagsresultat
from .rettelser import Rettelser
from .ugefil import Ugefil

# A service's field name -> the import column it comes from.
KOLONNE_FOR_FELT = {
    "cpr_nummer": "cpr",
    "start": "periode_start",
    "slut": "periode_slut",
    "fra": "mentor_fra",
    "udleveret": "aftale_udleveret",
    "kontakter": "minutter",
    NON_FIELD_ERRORS: "",
}
# Columns that describe the course, not the period: equal on every row of one sagsnummer.


_Afbryd = Afbryd


# --- the import -------------------------------------------------------------------------


@contextlib.contextmanager
def _historik_bruger(bruger: User | None):
    """History rows written meanwhile name the importing user (simple-history reads the
    user from the request it is given; a command has none)."""
    if bruger is None:
        yield
        return
    forrige = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=bruger)
    try:
        yield
    finally:
        if forrige is None:
            with contextlib.suppress(AttributeError):
                del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = forrige


class _Sag(Kontrol, Rettelser, Ugefil):
    """One course of the file being imported."""

    def __init__(self, importer: Importer, sagsnummer: str, raekker: list[Raekke], uger):
        self.imp = importer
        self.sagsnummer = sagsnummer
        self.raekker = raekker
        self.uger = uger
        self.resultat = Sagsresultat(sagsnummer=sagsnummer, raekker=[r.nr for r in raekker])
        self.foerste = raekker[0]

    # -- errors --
    def fejl(self, raekke: int, kolonne: str, besked: str) -> None:
        self.resultat.fejl.append(Fejlpost(raekke, kolonne, str(besked)))

    def fra_validering(self, raekke: int, exc: ValidationError, kolonne: str = "") -> None:
        if hasattr(exc, "error_dict"):
            for felt, fejlliste in exc.message_dict.items():
                for besked in fejlliste:
                    self.fejl(raekke, KOLONNE_FOR_FELT.get(felt, felt) or kolonne, besked)
        else:
            for besked in exc.messages:
                self.fejl(raekke, kolonne, besked)

    def kald(self, raekke: int, kolonne: str, service, **kwargs):
        """A service call, or a check of a service's rules for a new course (`nye`); a
        refusal is recorded, not raised. Every service is atomic (its own savepoint), and
        the course has one around it all."""
        try:
            return service(**kwargs)
        except ValidationError as exc:
            self.fra_validering(raekke, exc, kolonne)
        except PermissionDenied:
            self.afvis_adgang(raekke)
        raise _Afbryd

    def afvis_adgang(self, raekke: int) -> None:
        self.fejl(
            raekke,
            "sagsbehandler",
            _("Sagsbehandleren »%(s)s« har ikke adgang til forløbet i teamet.")
            % {"s": self.foerste["sagsbehandler"]},
        )

    # -- the course's common facts --
    def forbered(self) -> None:
        """The file's own checks and look-ups, once; `_Afbryd` when they fail."""
        self.fakta = (*self.slaa_op(), self.perioder())
        if self.resultat.fejl:
            raise _Afbryd

    def _indhold(self, datoer) -> dict:
        r = self.foerste
        return {
            "formaal": kode_af(r["formaal"]),
            "maal": r["maal"].strip(),
            "opgaver": r["opgaver"].strip(),
            "lovgrundlag": kode_af(r["lovgrundlag"]),
            "udskrivningsdato": datoer.get("udskrivningsdato"),
            "optagelsesdato": datoer.get("optagelsesdato"),
            "ud_over_normalt": r["ud_over_normalt"].strip(),
        }

    def planlaeg(self):
        """A course this run creates, judged in memory (indlaesning.nye), or None when it
        must go through the services one by one (it exists, or its citizen changes)."""
        sb, team, mentor, datoer, perioder = self.fakta
        if self.sagsnummer in self.imp.opslag.forloeb:
            return None
        digits = self.cpr_cifre()
        self.cpr_hash = cpr.lookup_hash(digits)
        self.imp.skriv_foer(self.cpr_hash)
        borger = self.imp.opslag.borgere.get(self.cpr_hash)
        r = self.foerste
        if borger is not None and (
            borger.navn != r["navn"].strip() or borger.ydelsesgruppe != kode_af(r["ydelsesgruppe"])
        ):
            return None
        indhold = {**self._indhold(datoer), "_ydelse": kode_af(r["ydelsesgruppe"])}
        plan = nye.planlaeg(self, sb, team, mentor, datoer, perioder, borger, digits, indhold)
        self.resultat.status = OPRETTET
        self.imp.opslag.tildelt(mentor)
        return plan

    def en_ad_gangen(self) -> None:
        """The course through the services, one call at a time."""
        sb, team, mentor, datoer, perioder = self.fakta
        r = self.foerste
        eksisterende = Forloeb.objects.filter(
            organisation=self.imp.organisation, sagsnummer=self.sagsnummer
        ).first()
        indhold = self._indhold(datoer)
        borger = self.borger(sb, r)
        self.borger_obj = borger
        if eksisterende is None:
            forloeb = self.kald(
                r.nr,
                "",
                forloeb_services.opret_forloeb,
                user=sb,
                borger=borger,
                team=team,
                **indhold,
            )
            self.kald(
                r.nr,
                "mentor",
                forloeb_services.tildel_mentor,
                user=sb,
                forloeb=forloeb,
                mentor=mentor,
                fra=datoer.get("mentor_fra"),
            )
            self.resultat.status = OPRETTET
        else:
            forloeb = eksisterende
            self.ret_forloeb(sb, team, mentor, forloeb, borger, indhold, perioder, datoer)
        forloeb.refresh_from_db()
        self.bevilg(sb, forloeb, perioder)
        forloeb.refresh_from_db()
        self.registrer_uger(forloeb)
        if self.resultat.fejl:
            raise _Afbryd
        if self.resultat.status != UAENDRET or self.resultat.aendringer:
            if self.resultat.status == UAENDRET:
                self.resultat.status = OPDATERET
            self.marker(forloeb)
        self.resultat.forloeb_id = forloeb.pk

    def cpr_cifre(self) -> str:
        r = self.foerste
        try:
            return cpr.normalise(r["cpr"])
        except ValidationError as exc:
            for besked in exc.messages:
                self.fejl(r.nr, "cpr", besked)
            raise _Afbryd from None

    def borger(self, sb: User, r: Raekke) -> Borger:
        digits = self.cpr_cifre()
        borger = Borger.objects.filter(
            organisation=self.imp.organisation, cpr_hash=cpr.lookup_hash(digits)
        ).first()
        navn, ydelse = r["navn"].strip(), kode_af(r["ydelsesgruppe"])
        if borger is None:
            return self.kald(
                r.nr,
                "",
                forloeb_services.opret_borger,
                user=sb,
                cpr_nummer=digits,
                navn=navn,
                ydelsesgruppe=ydelse,
            )
        rettelser = {}
        if borger.navn != navn:
            rettelser["navn"] = navn
        if borger.ydelsesgruppe != ydelse:
            rettelser["ydelsesgruppe"] = ydelse
        if rettelser:
            borger = self.kald(
                r.nr, "", forloeb_services.opdater_borger, user=sb, borger=borger, **rettelser
            )
            self.resultat.aendringer += [_("borgerens %(k)s") % {"k": k} for k in rettelser]
        return borger

    def marker(self, forloeb: Forloeb) -> None:
        """The history row that says the course came from (or was corrected by) a file."""
        locked = Forloeb.objects.select_for_update().get(pk=forloeb.pk)
        locked.sagsnummer = self.sagsnummer
        locked._change_reason = self.aarsag()
        locked.save(update_fields=["sagsnummer"])

    def aarsag(self) -> str:
        return _("Importeret fra %(fil)s (sagsnummer %(nr)s)%(af)s") % {
            "fil": self.imp.filnavn,
            "nr": self.sagsnummer,
            "af": (_(" af %(b)s") % {"b": self.imp.bruger.username}) if self.imp.bruger else "",
        }


class Importer:
    def __init__(
        self,
        *,
        organisation: Organisation,
        filnavn: str,
        bruger: User | None = None,
        fremdrift: Callable[[int, int], None] | None = None,
    ):
        self.organisation = organisation
        self.filnavn = filnavn
        self.bruger = bruger
        self.fremdrift = fremdrift or (lambda i, n: None)
        self.opslag: Opslag | None = None
        self.ventende: list[nye.Plan] = []
        self.ventende_cpr: set[str] = set()

    def skriv_foer(self, cpr_hash: str) -> None:
        """A citizen planned but not written yet is written before another course uses her."""
        if cpr_hash in self.ventende_cpr:
            self.skriv()

    def skriv(self) -> None:
        planer, self.ventende = self.ventende, []
        self.ventende_cpr.clear()
        if not planer:
            return
        try:
            nye.skriv(planer)
        except IntegrityError:
            # Written by someone else meanwhile: the services say what, course by course.
            self.opslag.glem_belastning()
            for plan in planer:
                resultat = plan.sag.resultat
                resultat.status, resultat.forloeb_id = UAENDRET, None
                resultat.fejl.clear()
                resultat.aendringer.clear()
                self.en_ad_gangen(plan.sag)
            return
        for plan in planer:
            if plan.ny_borger:
                self.opslag.borgere[plan.borger.cpr_hash] = plan.borger

    def en_ad_gangen(self, sag: _Sag) -> None:
        """A course through the services, in its own savepoint."""
        self.skriv()  # what is planned first: the services must see it
        try:
            with transaction.atomic():
                sag.en_ad_gangen()
                if sag.resultat.fejl:
                    raise _Afbryd
        except _Afbryd:
            sag.resultat.status = FEJL
        else:
            borger = getattr(sag, "borger_obj", None)
            if borger is not None:
                self.opslag.borgere[borger.cpr_hash] = borger
        self.opslag.glem_belastning()

    def sag(self, sag: _Sag) -> None:
        try:
            sag.forbered()
            plan = sag.planlaeg()
        except _Afbryd:
            sag.resultat.status = FEJL
            return
        if plan is None:
            self.en_ad_gangen(sag)
            return
        self.ventende.append(plan)
        if plan.ny_borger:
            self.ventende_cpr.add(plan.borger.cpr_hash)
        if len(self.ventende) >= nye.BATCH:
            self.skriv()


def importer(
    *,
    organisation: Organisation,
    forloebsfil: tuple[str, bytes],
    ugefil: tuple[str, bytes] | None = None,
    bruger: User | None = None,
    commit: bool = False,
    delvis: bool = False,
    fremdrift: Callable[[int, int], None] | None = None,
    koersel=None,
) -> Rapport:
    """Import a course file (and its week file); see the module docstring. `koersel` is the
    upload screen's record of the run; the command's is made when something is written."""
    filnavn = forloebsfil[0].replace("\\", "/").rsplit("/", 1)[-1]
    rapport = Rapport(filnavn=filnavn)
    try:
        raekker = laes(*forloebsfil, paakraevet=FORLOEB_PAAKRAEVET, valgfri=FORLOEB_VALGFRI)
        ugeraekker = (
            laes(*ugefil, paakraevet=UGER_PAAKRAEVET, valgfri=UGER_VALGFRI) if ugefil else []
        )
    except Filfejl as exc:
        rapport.filfejl.append(exc.besked)
        if koersel is not None:
            _efter_import(organisation, rapport, bruger, koersel)
        return rapport
    sager: dict[str, list[Raekke]] = {}
    for r in raekker:
        nr = r["sagsnummer"].strip()
        if not nr:
            rapport.ugefejl.append(Fejlpost(r.nr, "sagsnummer", _("Angiv sagsnummeret.")))
            continue
        sager.setdefault(nr, []).append(r)
    uger: dict[str, list[Raekke]] = {}
    for r in ugeraekker:
        nr = r["sagsnummer"].strip()
        if nr not in sager:
            rapport.ugefejl.append(
                Fejlpost(
                    r.nr,
                    "sagsnummer",
                    _("Ugefilens række %(r)s: sagsnummeret »%(nr)s« findes ikke i forløbsfilen.")
                    % {"r": r.nr, "nr": nr},
                )
            )
            continue
        uger.setdefault(nr, []).append(r)
    imp = Importer(organisation=organisation, filnavn=filnavn, bruger=bruger, fremdrift=fremdrift)
    with _historik_bruger(bruger), transaction.atomic():
        imp.opslag = Opslag(organisation, sager)
        for i, (nr, rows) in enumerate(sager.items(), start=1):
            sag = _Sag(imp, nr, rows, uger.get(nr, []))
            imp.sag(sag)
            rapport.resultater.append(sag.resultat)
            imp.fremdrift(i, len(sager))
        imp.skriv()
        gem = commit and (delvis or not rapport.har_fejl)
        if not gem:
            transaction.set_rollback(True)
        rapport.skrevet = gem
    if gem or koersel is not None:
        _efter_import(organisation, rapport, bruger, koersel)
    return rapport


def _efter_import(
    organisation: Organisation, rapport: Rapport, bruger: User | None, koersel=None
) -> None:
    """The record of the run, and the first compliance scan of what came in, at once
    (the services' outbox messages would do it too, but only when a worker is there)."""
    from compliance.services import scan

    from .models import Indlaesning

    koersel = koersel or Indlaesning(organisation=organisation, bruger=bruger)
    koersel.filnavn = rapport.filnavn
    koersel.oprettet_antal = rapport.antal(OPRETTET)
    koersel.opdateret_antal = rapport.antal(OPDATERET)
    koersel.uaendret_antal = rapport.antal(UAENDRET)
    koersel.fejl_antal = rapport.antal(FEJL) + len(rapport.filfejl) + len(rapport.ugefejl)
    koersel.rapport = rapport.linjer()
    koersel.skrevet = rapport.skrevet
    koersel.status = Indlaesning.Status.FAERDIG
    koersel.forloebsfil, koersel.ugefil = b"", b""
    koersel.afsluttet = timezone.now()
    koersel.save()
    if not rapport.skrevet:
        return
    ids = [r.forloeb_id for r in rapport.resultater if r.forloeb_id and r.status != FEJL]
    if ids:
        scan(forloeb_ids=ids)
