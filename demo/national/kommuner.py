"""The national scale's size: the 98 municipalities and the targets at fraction 1."""

ORGANISATIONER = 98
FORLOEB = 100_000
AAR = 5
# Yearly growth of course starts: with 100,000 courses over five years this gives about
# 20,000 active courses today (the national ~36,000 starts a year, and rising).
VAEKST = 0.5
# About 200 active courses (1,000 over five years) per team; one caseworker per ~40
# active courses (~200 over five years).
FORLOEB_PR_TEAM = 1000
FORLOEB_PR_SAGSBEHANDLER = 200

# The 98 Danish municipalities (navn -> rough population in thousands, for sizes).
KOMMUNER = {
    "København": 650, "Frederiksberg": 105, "Ballerup": 49, "Brøndby": 36, "Dragør": 14,
    "Gentofte": 75, "Gladsaxe": 70, "Glostrup": 24, "Herlev": 30, "Albertslund": 28,
    "Hvidovre": 54, "Høje-Taastrup": 52, "Lyngby-Taarbæk": 56, "Rødovre": 41, "Ishøj": 24,
    "Tårnby": 44, "Vallensbæk": 17, "Furesø": 41, "Allerød": 26, "Fredensborg": 41,
    "Helsingør": 63, "Hillerød": 52, "Hørsholm": 25, "Rudersdal": 57, "Egedal": 44,
    "Frederikssund": 46, "Greve": 51, "Køge": 62, "Halsnæs": 31, "Roskilde": 90,
    "Solrød": 24, "Gribskov": 41, "Odsherred": 33, "Holbæk": 72, "Faxe": 37,
    "Kalundborg": 49, "Ringsted": 35, "Slagelse": 79, "Stevns": 23, "Sorø": 30,
    "Lejre": 29, "Lolland": 40, "Næstved": 83, "Guldborgsund": 60, "Vordingborg": 45,
    "Bornholm": 39, "Middelfart": 39, "Assens": 41, "Faaborg-Midtfyn": 52, "Kerteminde": 24,
    "Nyborg": 32, "Odense": 205, "Svendborg": 59, "Nordfyns": 30, "Langeland": 12,
    "Ærø": 6, "Haderslev": 56, "Billund": 27, "Sønderborg": 74, "Tønder": 37,
    "Esbjerg": 116, "Fanø": 3, "Varde": 50, "Vejen": 43, "Aabenraa": 59,
    "Fredericia": 52, "Horsens": 96, "Kolding": 94, "Vejle": 120, "Herning": 90,
    "Holstebro": 59, "Lemvig": 20, "Struer": 21, "Syddjurs": 43, "Norddjurs": 37,
    "Favrskov": 49, "Odder": 23, "Randers": 99, "Silkeborg": 98, "Samsø": 4,
    "Skanderborg": 63, "Aarhus": 360, "Ikast-Brande": 42, "Ringkøbing-Skjern": 57,
    "Hedensted": 47, "Morsø": 20, "Skive": 46, "Thisted": 43, "Viborg": 98,
    "Brønderslev": 36, "Frederikshavn": 59, "Vesthimmerlands": 36, "Læsø": 2, "Rebild": 30,
    "Mariagerfjord": 42, "Jammerbugt": 38, "Aalborg": 220, "Hjørring": 64,
}  # fmt: skip
