"""Rules about what a granted course must document: purpose, tasks, qualifications, agreement."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forloeb import lov

from ._regel import SAGSBEHANDLER, Regel

REGLER = [
    Regel(
        kode="FORMAAL_MANGLER",
        titel=_("Formål og konkret mål mangler"),
        grundlag=format_lazy("{}; {}", lov.FORMAAL, _("STARs fokusrevision")),
        rettelse=_("Vælg formålet og beskriv det konkrete mål på forløbet."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start AS siden FROM aktive a
            WHERE a.formaal = '' OR btrim(a.maal) = ''""",
    ),
    Regel(
        kode="OPGAVER_MANGLER",
        titel=_("Mentorens opgaver er ikke beskrevet"),
        grundlag=_("STARs fokusrevision"),
        rettelse=_("Beskriv, hvad mentoren skal gøre, på forløbet."),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start AS siden FROM aktive a
            WHERE btrim(a.opgaver) = ''""",
    ),
    Regel(
        kode="KVALIFIKATIONER_MANGLER",
        titel=_("Mentorens kvalifikationer er ikke dokumenteret"),
        grundlag=_("STARs fokusrevision"),
        rettelse=_(
            "Dokumentér, hvorfor den nuværende mentor er kvalificeret til opgaven: i bevillingen "
            "eller ved mentorskiftet."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The current period's assessment covers the mentor it was granted with; a mentor
        # who took over inside the period needs her own (Mentortilknytning.kvalifikationer).
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, GREATEST(b.start, t.fra) AS siden FROM aktive a
            JOIN LATERAL (
                SELECT b.start, b.kvalifikationer FROM {bevilling} b
                WHERE b.forloeb_id = a.id AND b.start <= %(today)s
                ORDER BY b.start DESC LIMIT 1
            ) b ON true
            JOIN {tilknytning} t ON t.forloeb_id = a.id AND t.til IS NULL
            WHERE CASE WHEN t.fra > b.start THEN btrim(t.kvalifikationer) = ''
                       ELSE btrim(b.kvalifikationer) = '' END""",
    ),
    Regel(
        kode="AFTALE_MANGLER",
        titel=_("Skriftlig aftale ikke udleveret"),
        grundlag=lov.AFTALE,
        rettelse=_(
            "Udlevér den nyeste version af mentoraftalen til borgeren, og registrér hvornår og "
            "hvordan."
        ),
        ansvarlig=SAGSBEHANDLER,
        # The newest version of each period's agreement, due `aftale_dage` after the later
        # of the period's start and the version's date (a new version after a decision).
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, GREATEST(m.start, m.dato) + %(aftale_dage)s::int + 1
                   AS siden
            FROM aktive a
            JOIN {bevilling} b ON b.forloeb_id = a.id
            JOIN LATERAL (
                SELECT m.start, m.dato, m.udleveret FROM {aftale} m
                WHERE m.bevilling_id = b.id ORDER BY m.version DESC LIMIT 1
            ) m ON true
            WHERE m.udleveret IS NULL
              AND GREATEST(m.start, m.dato) + %(aftale_dage)s::int < %(today)s""",
    ),
]
