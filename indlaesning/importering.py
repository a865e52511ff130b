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
import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from forloeb import cpr
from forloeb import services as forloeb_services
from forloeb.models import (
    Bevilling,
    Borger,
    Forloeb,
    Formaal,
    Lovgrundlag,
    Mentor,
    Status,
    Udleveringsmaade,
    Ydelsesgruppe,
)
from organisation.models import Organisation, Rolle, Team, User
from tidsregistrering import services as tid_services
from tidsregistrering.choices import IngenKontaktAarsag, Kontaktform
from tidsregistrering.models import Ugeregistrering
from tidsregistrering.uger import uge_mandag

from .laesning import (
    FORLOEB_PAAKRAEVET,
    FORLOEB_VALGFRI,
    UGER_PAAKRAEVET,
    UGER_VALGFRI,
    Filfejl,
    Raekke,
    kode_af,
    laes,
    parse_dato,
    parse_decimal,
    parse_heltal,
)
from .rapport import FEJL, OPDATERET, OPRETTET, UAENDRET, Fejlpost, Rapport, Sagsresultat

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


class _Afbryd(Exception):
    """The course cannot go on (its errors are recorded)."""


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


class _Sag:
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
        """A service call in its own savepoint; a refusal is recorded, not raised."""
        try:
            with transaction.atomic():
                return service(**kwargs)
        except ValidationError as exc:
            self.fra_validering(raekke, exc, kolonne)
        except PermissionDenied:
            self.fejl(
                raekke,
                "sagsbehandler",
                _("Sagsbehandleren »%(s)s« har ikke adgang til forløbet i teamet.")
                % {"s": self.foerste["sagsbehandler"]},
            )
        raise _Afbryd

    # -- the course's common facts --
    def slaa_op(self):
        r, org = self.foerste, self.imp.organisation
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
        sb = User.objects.filter(
            organisation=org, username=r["sagsbehandler"].strip(), is_active=True
        ).first()
        if sb is None or not sb.roller or Rolle.SAGSBEHANDLER not in sb.roller:
            self.fejl(
                r.nr,
                "sagsbehandler",
                _("Ukendt sagsbehandler »%(v)s« (brugernavn på en aktiv sagsbehandler).")
                % {"v": r["sagsbehandler"]},
            )
        team = Team.objects.filter(organisation=org, navn__iexact=r["team"].strip()).first()
        if team is None:
            self.fejl(r.nr, "team", _("Ukendt team »%(v)s«.") % {"v": r["team"]})
        mentorer = list(
            Mentor.objects.filter(organisation=org, email__iexact=r["mentor"].strip())[:2]
        )
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
    def importer(self) -> None:
        sb, team, mentor, datoer = self.slaa_op()
        perioder = self.perioder()
        if self.resultat.fejl:
            raise _Afbryd
        r = self.foerste
        org = self.imp.organisation
        eksisterende = Forloeb.objects.filter(organisation=org, sagsnummer=self.sagsnummer).first()
        indhold = {
            "formaal": kode_af(r["formaal"]),
            "maal": r["maal"].strip(),
            "opgaver": r["opgaver"].strip(),
            "lovgrundlag": kode_af(r["lovgrundlag"]),
            "udskrivningsdato": datoer.get("udskrivningsdato"),
            "optagelsesdato": datoer.get("optagelsesdato"),
            "ud_over_normalt": r["ud_over_normalt"].strip(),
        }
        borger = self.borger(sb, r)
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

    def borger(self, sb: User, r: Raekke) -> Borger:
        try:
            digits = cpr.normalise(r["cpr"])
        except ValidationError as exc:
            for besked in exc.messages:
                self.fejl(r.nr, "cpr", besked)
            raise _Afbryd from None
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

    def ret_forloeb(self, sb, team, mentor, forloeb, borger, indhold, perioder, datoer) -> None:
        r = self.foerste
        if forloeb.borger_id != borger.pk:
            self.fejl(
                r.nr,
                "cpr",
                _("Sagsnummeret er allerede importeret for en anden borger; ret CPR-nummeret."),
            )
            raise _Afbryd
        if forloeb.team_id != team.pk or forloeb.sagsbehandler_id != sb.pk:
            self.fejl(
                r.nr,
                "sagsbehandler",
                _(
                    "Forløbet har en anden sagsbehandler eller et andet team i Mentorsag; brug "
                    "overdragelse af forløb i stedet for at rette filen."
                ),
            )
            raise _Afbryd
        if forloeb.status == Status.AFSLUTTET:
            self.fejl(r.nr, "", _("Forløbet er afsluttet og kan ikke ændres."))
            raise _Afbryd
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
                except _Afbryd:
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
                    except _Afbryd:
                        continue
                    self.resultat.aendringer.append(
                        _("timer pr. uge i perioden %(p)s") % {"p": bevilling}
                    )
            if "aftale_udleveret" in p:
                aftale = Bevilling.objects.get(pk=bevilling.pk).aftale
                if aftale is not None and aftale.udleveret is None:
                    with contextlib.suppress(_Afbryd):
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

    def registrer_uger(self, forloeb: Forloeb) -> None:
        perioder = list(forloeb.bevillinger.all())
        tilknytninger = list(forloeb.tilknytninger.select_related("mentor__bruger"))
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
            if self.resultat.status == OPRETTET:
                # A course this run created has no weeks yet: all of them in one go.
                samlet.append(
                    (
                        r.nr,
                        {
                            "mentor": mentor,
                            "aar": aar,
                            "uge": uge,
                            "kontakter": kontakter,
                            "ingen_kontakt_aarsag": aarsag,
                        },
                    )
                )
                continue
            gemt = (
                Ugeregistrering.objects.filter(forloeb=forloeb, aar=aar, uge=uge, mentor=mentor)
                .prefetch_related("kontakter")
                .first()
            )
            if gemt is not None and _samme_uge(gemt, kontakter, aarsag):
                continue
            with contextlib.suppress(_Afbryd):
                self.kald(
                    r.nr,
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
                self.resultat.aendringer.append(_("uge %(u)s, %(a)s") % {"u": uge, "a": aar})
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

    def marker(self, forloeb: Forloeb) -> None:
        """The history row that says the course came from (or was corrected by) a file."""
        locked = Forloeb.objects.select_for_update().get(pk=forloeb.pk)
        locked.sagsnummer = self.sagsnummer
        locked._change_reason = _("Importeret fra %(fil)s (sagsnummer %(nr)s)%(af)s") % {
            "fil": self.imp.filnavn,
            "nr": self.sagsnummer,
            "af": (_(" af %(b)s") % {"b": self.imp.bruger.username}) if self.imp.bruger else "",
        }
        locked.save(update_fields=["sagsnummer"])


def _samme_uge(gemt: Ugeregistrering, kontakter: list[dict], aarsag: str) -> bool:
    nu = sorted((k.dato, k.minutter, k.form) for k in gemt.kontakter.all())
    ny = sorted((k["dato"], k["minutter"], k["form"]) for k in kontakter)
    return nu == ny and gemt.ingen_kontakt_aarsag == aarsag


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
        for i, (nr, rows) in enumerate(sager.items(), start=1):
            sag = _Sag(imp, nr, rows, uger.get(nr, []))
            try:
                with transaction.atomic():
                    sag.importer()
                    if sag.resultat.fejl:
                        raise _Afbryd
            except _Afbryd:
                sag.resultat.status = FEJL
            rapport.resultater.append(sag.resultat)
            imp.fremdrift(i, len(sager))
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
