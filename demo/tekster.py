"""The Danish texts demo records carry (goals, tasks, reports, ...), shared by all scales."""

from forloeb.models import Formaal, MentorType

MAAL = {
    Formaal.UDDANNELSE: [
        "Borgeren starter på en erhvervsuddannelse efter sommerferien.",
        "Borgeren gennemfører første semester på HF med højst 10 % fravær.",
        "Borgeren afklarer uddannelsesvalg og søger optagelse inden 1. marts.",
    ],
    Formaal.ORDINAER_ANSAETTELSE: [
        "Borgeren får et ordinært job på mindst 15 timer om ugen.",
        "Borgeren fastholder sit nye job i lageret ud over prøvetiden.",
    ],
    Formaal.FLEKSJOB: ["Borgeren finder og fastholder et fleksjob på 12 timer om ugen."],
    Formaal.TILBUD: [
        "Borgeren gennemfører virksomhedspraktikken med stabilt fremmøde.",
        "Borgeren deltager i det aftalte afklaringsforløb fire dage om ugen.",
    ],
    Formaal.AKTIVITETER: [
        "Borgeren deltager stabilt i den aftalte aktivitet og møder til samtaler.",
        "Borgeren får struktur i hverdagen og overholder sine aftaler med jobcentret.",
    ],
}
OPGAVER = [
    "Ugentlige samtaler om struktur i hverdagen; ledsage til aftaler efter behov.",
    "Hjælpe med at møde til tiden, støtte i kontakten med praktikstedet.",
    "Støtte i økonomi og post, hjælpe med at planlægge ugen.",
    "Følge op med uddannelsesstedet og hjælpe med lektier og fremmøde.",
    "Motiverende samtaler, hjælp til at bruge offentlig transport alene.",
]
ARBEJDSPUNKTER = [
    "Møder til tiden 4 af 5 dage",
    "Åbner og læser sin digitale post hver uge",
    "Laver en ugeplan hver søndag",
    "Tager bussen alene til praktikken",
    "Ringer selv afbud ved sygdom",
    "Søger to relevante job om ugen",
    "Har styr på budgettet for måneden",
    "Deltager i holdundervisningen hver dag",
]
RAPPORTER = [
    "Borgeren møder mere stabilt op. Vi arbejder videre med ugeplanen.",
    "Svær periode med meget fravær; vi har aftalt tættere kontakt de næste uger.",
    "God fremgang. Borgeren tager nu selv initiativ til at ringe afbud.",
    "Borgeren er motiveret, men har brug for hjælp til post og økonomi.",
    "Stabilt forløb; praktikstedet er tilfreds med fremmødet.",
]
OENSKER = [
    "",
    "",
    "Gerne en kvindelig mentor.",
    "Gerne en mandlig mentor.",
    "Ønsker en mentor tæt på egen alder.",
    "Ønsker møder uden for hjemmet.",
]
SKIFTEGRUNDE = [
    "Mentoren er gået på barsel.",
    "Borgeren ønskede en anden mentor.",
    "Mentoren har fået andet arbejde.",
    "Bedre match på specialisering.",
]
UDDANNELSER = ["Socialrådgiver", "Pædagog", "Lærer", "Sygeplejerske", "Faglært"]
# Employers by mentor type; "{kommune}" is the municipality's name.
ARBEJDSGIVERE = {
    MentorType.INTERN: ["Jobcenter {kommune}"],
    MentorType.EKSTERN: ["Mentorhuset ApS", "Social Indsats A/S", "Vejen Videre ApS"],
    MentorType.VIRKSOMHED: ["Netto", "Danish Crown", "Lokal Byg A/S", "Plejecenter Solgården"],
    MentorType.BOSTOETTE: ["Bostøtten, {kommune}"],
    MentorType.UDDANNELSESINSTITUTION: [
        "{kommune} Erhvervsskole",
        "VUC {kommune}",
        "{kommune} Produktionsskole",
    ],
    MentorType.FRIVILLIG: ["Røde Kors", "Frivilligcenter {kommune}"],
}
KVALIFIKATIONER = "{navn} har erfaring med målgruppen og {timer} timers mentoruddannelse."
VURDERING = (
    "Konkret vurdering: borgeren er i god udvikling, men har fortsat brug for støtte for at "
    "nå målet."
)
UD_OVER_NORMALT = (
    "Virksomheden/skolen stiller en fast kontaktperson med afsat tid ud over den almindelige "
    "oplæring."
)
TIMEAENDRING = "Borgeren har brug for mere støtte i opstarten af praktik."
MENTOR_OVERRIDE = "Særligt godt match; aftalt med mentorkoordinatoren."
SKIFT_OVERRIDE = "Akut skift; aftalt med mentorkoordinatoren."
EXITPLAN = "Borgeren fortsætter i det aftalte tilbud; opfølgning hos sagsbehandler."
OPFOELGNING_NOTE = "Færre kontakter end bevilget; aftalt med mentor at øge kontakten."
REFERAT = {
    "opstart": "Forventninger afstemt; arbejdspunkter aftalt.",
    "opfoelgning": "Status på arbejdspunkterne gennemgået.",
    "afslutning": "Forløbet afsluttet; exitplan aftalt.",
}
DELTAGERE = ["borger", "mentor", "sagsbehandler"]
