"""Stable codes shared by database, API and exports (PRODUCT.md §10). Labels are Danish."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# One limit for free text, whichever door it comes through (forms, API, admin, import).
MAX_TEKST = 10_000
TEKST = [
    MaxLengthValidator(
        MAX_TEKST, message=_("Teksten må højst være %(limit_value)s tegn (den er %(show_value)s).")
    )
]


class Formaal(models.TextChoices):
    AKTIVITETER = "aktiviteter", _("Aktiviteter")
    TILBUD = "tilbud", _("Tilbud")
    UDDANNELSE = "uddannelse", _("Ordinær uddannelse")
    FLEKSJOB = "fleksjob", _("Fleksjob")
    ORDINAER_ANSAETTELSE = "ordinaer_ansaettelse", _("Ordinær ansættelse")


class Lovgrundlag(models.TextChoices):
    GENEREL = "generel", _("Generel (LAB § 167, stk. 1, tidl. § 31b)")
    RET_OG_PLIGT = "ret_og_pligt", _("Ret og pligt")
    PSYKIATRI = "psykiatri", _("Udskrivning fra psykiatrisk indlæggelse (LAB § 167, stk. 2)")
    UDDANNELSESSTART = "uddannelsesstart", _("Start på uddannelse (LAB § 167, stk. 3)")


class MentorType(models.TextChoices):
    INTERN = "intern", _("Intern mentorkorps")
    VIRKSOMHED = "virksomhed", _("Virksomhedsmentor")
    EKSTERN = "ekstern", _("Ekstern leverandør")
    BOSTOETTE = "bostoette", _("Bostøtte")
    UDDANNELSESINSTITUTION = "uddannelsesinstitution", _("Uddannelsesinstitution")
    FRIVILLIG = "frivillig", _("Frivillig")


# The municipality's own mentors and volunteers: their hours are never bought from a provider.
UDEN_LEVERANDOER = frozenset({MentorType.INTERN, MentorType.FRIVILLIG})


class Status(models.TextChoices):
    KLADDE = "kladde", _("Kladde")
    AKTIV = "aktiv", _("Aktiv")
    AFSLUTTET = "afsluttet", _("Afsluttet")


class Ydelsesgruppe(models.TextChoices):
    KONTANTHJAELP = "kontanthjaelp", _("Kontant- eller uddannelseshjælp")
    SYGEDAGPENGE = "sygedagpenge", _("Sygedagpenge")
    SELVFORSOERGENDE = "selvforsoergende", _("Selvforsørgende")
    REVALIDERING = "revalidering", _("Revalidering")
    LEDIGHEDSYDELSE = "ledighedsydelse", _("Ledighedsydelse")
    FLEKSJOB = "fleksjob", _("Fleksjob")
    DAGPENGE = "dagpenge", _("Arbejdsløshedsdagpenge")
    SU = "su", _("SU")
    RESSOURCEFORLOEB = "ressourceforloeb", _("Ressourceforløb")


class Visitation(models.TextChoices):
    JOBPARAT = "jobparat", _("Jobparat")
    AKTIVITETSPARAT = "aktivitetsparat", _("Aktivitetsparat")
    UDDANNELSESPARAT = "uddannelsesparat", _("Uddannelsesparat")
    IKKE_KATEGORISERET = "ikke_kategoriseret", _("Ikke kategoriseret")


class Emne(models.TextChoices):
    """Topics of mentor contact and citizens' problem areas (PRODUCT.md §5)."""

    ARBEJDE = "arbejde", _("Arbejde/praktik")
    UDDANNELSE = "uddannelse", _("Skole/uddannelse")
    KOLLEGER = "kolleger", _("Relationer til kolleger")
    MOEDESTABILITET = "moedestabilitet", _("At møde til tiden")
    MISBRUG = "misbrug", _("Misbrug")
    FAMILIE = "familie", _("Familie")
    OEKONOMI = "oekonomi", _("Økonomi")
    VENNER = "venner", _("Venner")
    SAGSBEHANDLER = "sagsbehandler", _("Forholdet til sagsbehandleren")
    HELBRED = "helbred", _("Helbred")
    BOLIG = "bolig", _("Bolig")
    STRUKTUR = "struktur", _("Struktur i hverdagen")
    TRANSPORT = "transport", _("Transport")
    AFTALER = "aftaler", _("Aftaler")


# Problem areas a non-health role must not see (health, addiction).
FOELSOMME_EMNER = frozenset({Emne.MISBRUG, Emne.HELBRED})


class Stoettetype(models.TextChoices):
    BARRIERER = "barrierer", _("Fjerne barrierer")
    FASTHOLDELSE = "fastholdelse", _("Fastholdelse i aktivitet")
    INTRODUKTION = "introduktion", _("Introduktion i virksomhed")


class Specialisering(models.TextChoices):
    ADHD_AUTISME = "adhd_autisme", _("ADHD/autisme")
    MISBRUG = "misbrug", _("Misbrug")
    OEKONOMI = "oekonomi", _("Økonomi")
    UNGE = "unge", _("Unge")
    SPROG_KULTUR = "sprog_kultur", _("Sprog og kultur")
    PSYKISK_SAARBARHED = "psykisk_saarbarhed", _("Psykisk sårbarhed")


class Koen(models.TextChoices):
    KVINDE = "kvinde", _("Kvinde")
    MAND = "mand", _("Mand")


class OensketKoen(models.TextChoices):
    """The citizen's wish for the mentor's gender."""

    LIGEGYLDIGT = "", _("Ingen ønsker")
    KVINDE = "kvinde", _("En kvindelig mentor")
    MAND = "mand", _("En mandlig mentor")


class OensketAlder(models.TextChoices):
    """The citizen's wish for the mentor's age, as an age band."""

    LIGEGYLDIGT = "", _("Ingen ønsker")
    UNDER_35 = "under_35", _("Under 35 år")
    FRA_35_TIL_50 = "35_50", _("35–50 år")
    OVER_50 = "over_50", _("Over 50 år")


# Age bands of OensketAlder: (from, to) inclusive.
ALDERSINTERVAL = {
    OensketAlder.UNDER_35: (0, 34),
    OensketAlder.FRA_35_TIL_50: (35, 50),
    OensketAlder.OVER_50: (51, 200),
}


class Udleveringsmaade(models.TextChoices):
    PERSONLIGT = "personligt", _("Udleveret personligt")
    DIGITAL_POST = "digital_post", _("Digital Post")
    BREV = "brev", _("Brev")
    EMAIL = "email", _("Sikker e-mail")


class Deltager(models.TextChoices):
    """Who took part in a meeting."""

    BORGER = "borger", _("Borger")
    MENTOR = "mentor", _("Mentor")
    SAGSBEHANDLER = "sagsbehandler", _("Sagsbehandler")
    NETVAERK = "netvaerk", _("Netværk (pårørende, behandler m.fl.)")
    ARBEJDSGIVER = "arbejdsgiver", _("Arbejdsgiver eller uddannelsessted")


class Moedetype(models.TextChoices):
    OPSTART = "opstart", _("Opstart/trepartsmøde")
    OPFOELGNING = "opfoelgning", _("Opfølgning")
    NETVAERK = "netvaerk", _("Netværksmøde")
    AFSLUTNING = "afslutning", _("Afslutning")


class Leveret(models.TextChoices):
    JA = "ja", _("Ja")
    DELVIST = "delvist", _("Delvist")
    NEJ = "nej", _("Nej")


class Arbejdspunktstatus(models.TextChoices):
    AKTIV = "aktiv", _("I gang")
    OPNAAET = "opnaaet", _("Opnået")
    OPGIVET = "opgivet", _("Opgivet")


class Vurderer(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    BORGER = "borger", _("Borger")


class Afslutningsaarsag(models.TextChoices):
    MAAL_NAAET = "maal_naaet", _("Målet er nået")
    AKTIVT_TILBUD = "aktivt_tilbud", _("Kan deltage i aktivt tilbud")
    JOB = "job", _("Ordinært job")
    UDDANNELSE = "uddannelse", _("Startet på uddannelse")
    IKKE_BEHOV = "ikke_behov", _("Ikke længere behov")
    BORGER_OENSKE = "borger_oenske", _("Borgerens ønske")
    MANGLENDE_FREMMOEDE = "manglende_fremmoede", _("Manglende fremmøde")
    FLYTTET = "flyttet", _("Fraflyttet kommunen")
    ANDET = "andet", _("Andet")
    ANNULLERET = "annulleret", _("Kladde annulleret (aldrig bevilget)")


class Resultattype(models.TextChoices):
    ORDINAERT_JOB = "ordinaert_job", _("Ordinært job")
    STOETTET_JOB = "stoettet_job", _("Støttet job/fleksjob")
    UDDANNELSE = "uddannelse", _("Uddannelse")
    PAA_YDELSE = "paa_ydelse", _("Stadig på offentlig ydelse")
    ANDET = "andet", _("Andet/ukendt")
