"""Import of running courses: through the command, through the services, idempotent."""

import datetime as dt
import io
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from compliance.models import Advarsel
from forloeb.models import Bevilling, Borger, Forloeb, Mentoraftale
from indlaesning.importering import importer
from indlaesning.models import Indlaesning
from organisation.models import Rolle
from tests.factories import TeamFactory, UserFactory, mentor_with_login
from tidsregistrering.models import Ugeregistrering

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
EKSEMPEL = ROOT / "docs" / "import"
KBH = ZoneInfo("Europe/Copenhagen")
HEADER = (
    "sagsnummer,cpr,navn,ydelsesgruppe,formaal,maal,opgaver,lovgrundlag,sagsbehandler,team,"
    "mentor,mentor_fra,periode_start,periode_slut,timer_pr_uge,kvalifikationer,vurdering,"
    "aftale_udleveret,udleveringsmaade"
)


def raekke(**aendret) -> str:
    felter = {
        "sagsnummer": "S-1",
        "cpr": "010190-1001",
        "navn": "Anna Andersen",
        "ydelsesgruppe": "kontanthjaelp",
        "formaal": "uddannelse",
        "maal": "Anna starter på en uddannelse.",
        "opgaver": "Struktur i hverdagen.",
        "lovgrundlag": "generel",
        "sagsbehandler": "sagsbehandler",
        "team": "Team Ungeindsats",
        "mentor": "mads.mentor@kommune.invalid",
        "mentor_fra": "",
        "periode_start": "01-06-2026",
        "periode_slut": "30-11-2026",
        "timer_pr_uge": "4",
        "kvalifikationer": "Erfaren.",
        "vurdering": "",
        "aftale_udleveret": "",
        "udleveringsmaade": "",
    }
    felter.update(aendret)
    return ",".join(felter[k] for k in HEADER.split(","))


def fil(*raekker: str, header: str = HEADER) -> tuple[str, bytes]:
    return ("forloeb.csv", ("\n".join([header, *raekker]) + "\n").encode())


@pytest.fixture(autouse=True)
def klokken():
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, 0, tzinfo=KBH), tick=False):
        yield


@pytest.fixture
def kommune():
    team = TeamFactory(navn="Team Ungeindsats")
    sb = UserFactory(
        username="sagsbehandler",
        roller=[Rolle.SAGSBEHANDLER],
        organisation=team.organisation,
        teams=[team],
    )
    admin = UserFactory(username="admin", organisation=team.organisation)
    mads = mentor_with_login(team, email="mads.mentor@kommune.invalid")
    lene = mentor_with_login(team, email="lene.larsen@kommune.invalid")
    return SimpleNamespace(
        org=team.organisation, team=team, sb=sb, admin=admin, mads=mads, lene=lene
    )


def _kommando(kommune, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "importer_forloeb",
        str(EKSEMPEL / "eksempel_forloeb.csv"),
        "--uger",
        str(EKSEMPEL / "eksempel_uger.csv"),
        "--organisation",
        kommune.org.navn,
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def _antal():
    return (
        Forloeb.objects.count(),
        Bevilling.objects.count(),
        Borger.objects.count(),
        Ugeregistrering.objects.count(),
        Mentoraftale.objects.count(),
    )


def test_eksempelfilerne_indlaeses_med_kommandoen_og_markeres_i_historikken(kommune, tmp_path):
    rapportfil = tmp_path / "rapport.csv"
    out, err = _kommando(kommune, "--commit", "--bruger", "admin", "--rapport", str(rapportfil))
    assert "2 oprettet, 0 opdateret, 0 uændret, 0 med fejl" in out
    assert "2/2 forløb" in err
    anna = Forloeb.objects.get(sagsnummer="MS-2026-001")
    bent = Forloeb.objects.get(sagsnummer="MS-2026-002")
    assert anna.status == bent.status == "aktiv"
    assert [(b.start, b.slut) for b in bent.bevillinger.all()] == [
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ]
    assert bent.bevillinger.first().timer_pr_uge == 2.5
    assert bent.mentor == kommune.lene
    assert anna.bevillinger.get().aftale.udleveret == dt.date(2026, 6, 5)
    assert Ugeregistrering.objects.filter(forloeb=anna).count() == 3
    assert Ugeregistrering.objects.filter(forloeb=bent).count() == 2
    uge23 = Ugeregistrering.objects.get(forloeb=anna, uge=23)
    assert (uge23.minutter_i_alt, uge23.mentor, uge23.registreret_af) == (
        120,
        kommune.mads,
        kommune.mads.bruger,
    )
    assert [(k.dato, k.form) for k in uge23.kontakter.all()] == [(dt.date(2026, 6, 1), "fysisk")]
    assert uge23.history.get().history_user == kommune.mads.bruger
    assert Ugeregistrering.objects.get(forloeb=anna, uge=25).ingen_kontakt_aarsag == "syg"
    seneste = anna.history.order_by("-history_id").first()
    assert seneste.history_change_reason == (
        "Importeret fra eksempel_forloeb.csv (sagsnummer MS-2026-001) af admin"
    )
    assert seneste.history_user == kommune.admin
    koersel = Indlaesning.objects.get()
    assert (koersel.filnavn, koersel.oprettet_antal, koersel.bruger) == (
        "eksempel_forloeb.csv",
        2,
        kommune.admin,
    )
    rapport = rapportfil.read_text(encoding="utf-8-sig")
    assert rapport.splitlines()[0] == "raekke;sagsnummer;status;kolonne;besked"
    assert "MS-2026-002;oprettet" in rapport


def test_scanningen_koerer_straks_efter_en_indlaesning(kommune):
    # Bent's second agreement is handed out the day after its start; Anna's weeks 26-46
    # are not registered: the scan has run when the command returns.
    _kommando(kommune, "--commit")
    anna = Forloeb.objects.get(sagsnummer="MS-2026-001")
    assert Advarsel.objects.filter(forloeb=anna).exists()


def test_proevekoersel_er_standard_og_gemmer_intet(kommune):
    out, _err = _kommando(kommune)
    assert "2 oprettet" in out and "Intet er gemt." in out
    assert _antal() == (0, 0, 0, 0, 0)
    assert not Indlaesning.objects.exists()


def test_en_genkoersel_aendrer_intet(kommune):
    _kommando(kommune, "--commit")
    foer = _antal()
    historik = Forloeb.history.count()
    out, _err = _kommando(kommune, "--commit")
    assert "0 oprettet, 0 opdateret, 2 uændret, 0 med fejl" in out
    assert _antal() == foer
    assert Forloeb.history.count() == historik


def test_en_rettet_fil_opdaterer_og_siger_hvad(kommune):
    importer(organisation=kommune.org, forloebsfil=fil(raekke()), commit=True)
    nyt_maal = "Anna starter på en uddannelse til august."
    rettet = raekke(maal=nyt_maal, timer_pr_uge="5")
    ny_periode = raekke(
        maal=nyt_maal, periode_start="01-12-2026", periode_slut="31-05-2027", vurdering="Behov."
    )
    rapport = importer(organisation=kommune.org, forloebsfil=fil(rettet, ny_periode), commit=True)
    (resultat,) = rapport.resultater
    assert resultat.status == "opdateret", resultat
    assert "maal" in resultat.aendringer
    assert any("timer pr. uge" in a for a in resultat.aendringer)
    assert any("ny periode 01.12.2026–31.05.2027" in a for a in resultat.aendringer)
    forloeb = Forloeb.objects.get()
    assert forloeb.maal == "Anna starter på en uddannelse til august."
    assert forloeb.bevillinger.count() == 2
    assert forloeb.bevillinger.first().timer_gaeldende(dt.date(2026, 6, 1)) == 5


def _fejl(rapport):
    return [(f.raekke, f.kolonne, f.besked) for r in rapport.resultater for f in r.fejl] + [
        (f.raekke, f.kolonne, f.besked) for f in rapport.ugefejl
    ]


@pytest.mark.parametrize(
    ("aendret", "kolonne", "besked"),
    [
        ({"cpr": "123"}, "cpr", "CPR-nummeret skal have 10 cifre, fx 010190-1234."),
        ({"cpr": "320190-1001"}, "cpr", "CPR-nummerets første seks cifre er ikke en gyldig"),
        (
            {"periode_slut": "01-12-2026"},
            "periode_slut",
            "En bevillingsperiode må højst vare 6 måneder (LAB § 167, stk. 1",
        ),
        ({"sagsbehandler": "ukendt"}, "sagsbehandler", "Ukendt sagsbehandler »ukendt«"),
        ({"mentor": "nogen@andet.invalid"}, "mentor", "Ukendt mentor »nogen@andet.invalid«"),
        ({"team": "Team Ukendt"}, "team", "Ukendt team »Team Ukendt«."),
        ({"ydelsesgruppe": "kontant"}, "ydelsesgruppe", "Ukendt kode »kontant«; gyldige koder:"),
        ({"formaal": "job"}, "formaal", "Ukendt kode »job«"),
        ({"lovgrundlag": "x"}, "lovgrundlag", "Ukendt kode »x«"),
        (
            {"aftale_udleveret": "05-06-2026", "udleveringsmaade": "fax"},
            "udleveringsmaade",
            "Ukendt kode »fax«",
        ),
        ({"periode_start": "31-02-2026"}, "periode_start", "»31-02-2026« er ikke en dato"),
        ({"timer_pr_uge": "40"}, "timer_pr_uge", "Timer pr. uge skal være over 0 og højst 37."),
        ({"maal": ""}, "maal", "Forløbet skal have konkret mål"),
    ],
)
def test_en_forkert_raekke_meldes_med_tjenestens_besked_og_intet_gemmes(
    kommune, aendret, kolonne, besked
):
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke(sagsnummer="OK-1", cpr="020290-1002"), raekke(**aendret)),
        commit=True,
    )
    fejl = _fejl(rapport)
    assert any(r == 3 and k == kolonne and b.startswith(besked) for r, k, b in fejl), fejl
    assert not rapport.skrevet
    assert _antal() == (0, 0, 0, 0, 0)


def test_overlappende_perioder_meldes_paa_den_anden_raekke(kommune):
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(
            raekke(),
            raekke(periode_start="01-11-2026", periode_slut="30-04-2027", vurdering="Behov."),
        ),
        commit=True,
    )
    assert _fejl(rapport) == [
        (3, "periode_start", "Perioden overlapper en eksisterende periode (01.06.2026–30.11.2026).")
    ]
    assert Forloeb.objects.count() == 0


def test_en_uge_uden_for_perioden_meldes(kommune):
    uger = ("uger.csv", b"sagsnummer;aar;uge;minutter;form\nS-1;2026;20;60;fysisk\n")
    rapport = importer(
        organisation=kommune.org, forloebsfil=fil(raekke()), ugefil=uger, commit=True
    )
    assert (2, "uge", "Uge 20, 2026 ligger uden for forløbets bevilgede perioder.") in _fejl(
        rapport
    )
    assert _antal() == (0, 0, 0, 0, 0)


def test_ukendte_koder_i_ugefilen_meldes(kommune):
    uger = (
        "uger.csv",
        b"sagsnummer;aar;uge;minutter;form;ingen_kontakt_aarsag\n"
        b"S-1;2026;23;60;brevdue;\nS-1;2026;24;;;travlt\nS-9;2026;24;60;fysisk;\n",
    )
    rapport = importer(organisation=kommune.org, forloebsfil=fil(raekke()), ugefil=uger)
    fejl = _fejl(rapport)
    assert (
        2,
        "form",
        "Ukendt kode »brevdue«; gyldige koder: fysisk, telefon, video, "
        "skriftlig, ledsagelse, netvaerksmoede.",
    ) in fejl
    assert any(r == 3 and k == "ingen_kontakt_aarsag" for r, k, _b in fejl)
    assert any(r == 4 and "»S-9« findes ikke i forløbsfilen" in b for r, _k, b in fejl)


def test_en_oedelagt_xlsx_meldes(kommune):
    rapport = importer(organisation=kommune.org, forloebsfil=("forloeb.xlsx", b"PK\x03\x04junk"))
    assert rapport.filfejl == [
        "Filen kan ikke læses som et Excel-regneark (xlsx). Gem den igen fra Excel."
    ]
    assert not rapport.skrevet


def test_en_manglende_kolonne_meldes(kommune):
    header = HEADER.replace(",timer_pr_uge", "")
    rapport = importer(organisation=kommune.org, forloebsfil=fil(header=header))
    assert rapport.filfejl == ["Filen mangler kolonnen/kolonnerne: timer_pr_uge."]


def test_kommandoen_melder_fejl_og_afslutter_med_fejl(kommune, tmp_path):
    forkert = tmp_path / "forloeb.csv"
    forkert.write_text(HEADER + "\n" + raekke(cpr="123") + "\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "importer_forloeb",
            str(forkert),
            "--organisation",
            kommune.org.navn,
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "række 2 sag S-1: fejl [cpr] CPR-nummeret skal have 10 cifre" in out.getvalue()


def test_xlsx_med_semikolon_csv_og_bom_giver_samme_resultat(kommune):
    from openpyxl import Workbook

    bog = Workbook()
    ark = bog.active
    ark.append(HEADER.split(","))
    celler = raekke().split(",")
    celler[12] = dt.datetime(2026, 6, 1)  # Excel's own date cell
    celler[14] = 4
    ark.append(celler)
    buffer = io.BytesIO()
    bog.save(buffer)
    xlsx = importer(organisation=kommune.org, forloebsfil=("forloeb.xlsx", buffer.getvalue()))
    semikolon = ("\n".join([HEADER, raekke()]).replace(",", ";") + "\n").encode("utf-8-sig")
    csv = importer(organisation=kommune.org, forloebsfil=("forloeb.csv", semikolon))
    assert [r.status for r in xlsx.resultater] == [r.status for r in csv.resultater] == ["oprettet"]


def test_delvis_gemmer_de_gyldige_forloeb(kommune):
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(
            raekke(), raekke(sagsnummer="S-2", cpr="020290-1002", mentor="x@y.invalid")
        ),
        commit=True,
        delvis=True,
    )
    assert [r.status for r in rapport.resultater] == ["oprettet", "fejl"]
    assert rapport.skrevet
    assert list(Forloeb.objects.values_list("sagsnummer", flat=True)) == ["S-1"]
    # The corrected file brings the rest in; the first course is left as it is.
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(raekke(), raekke(sagsnummer="S-2", cpr="020290-1002")),
        commit=True,
    )
    assert [r.status for r in rapport.resultater] == ["uændret", "oprettet"]
    assert Forloeb.objects.count() == 2


def test_uden_delvis_gemmes_intet_naar_et_forloeb_fejler(kommune):
    rapport = importer(
        organisation=kommune.org,
        forloebsfil=fil(
            raekke(), raekke(sagsnummer="S-2", cpr="020290-1002", mentor="x@y.invalid")
        ),
        commit=True,
    )
    assert [r.status for r in rapport.resultater] == ["oprettet", "fejl"]
    assert not rapport.skrevet
    assert Forloeb.objects.count() == 0


def test_en_uge_i_en_eksisterende_sag_gaar_gennem_registrer_uge_og_kan_rettes(kommune):
    uger = ("uger.csv", b"sagsnummer;aar;uge;minutter;form\nS-1;2026;23;60;fysisk\n")
    importer(organisation=kommune.org, forloebsfil=fil(raekke()), ugefil=uger, commit=True)
    rettet = ("uger.csv", b"sagsnummer;aar;uge;minutter;form\nS-1;2026;23;90;telefon\n")
    rapport = importer(
        organisation=kommune.org, forloebsfil=fil(raekke()), ugefil=rettet, commit=True
    )
    assert rapport.resultater[0].aendringer == ["uge 23, 2026"]
    uge = Ugeregistrering.objects.get()
    assert (uge.minutter_i_alt, uge.version) == (90, 2)


def test_rapportens_csv_goer_filens_formler_til_tekst():
    from indlaesning.rapport import FEJL, Fejlpost, Rapport, Sagsresultat

    rapport = Rapport(filnavn="f.csv")
    rapport.resultater.append(
        Sagsresultat(
            sagsnummer="=1+2", raekker=[2], status=FEJL, fejl=[Fejlpost(2, "cpr", "@SUM(A1)")]
        )
    )
    linje = rapport.som_csv().splitlines()[1]
    assert linje == "2;'=1+2;fejl;cpr;'@SUM(A1)"
