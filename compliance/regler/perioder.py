"""Rules about the granted periods (LAB § 167) and the start of a course."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forloeb import lov

from ._regel import SAGSBEHANDLER, Regel

REGLER = [
    Regel(
        kode="PERIODE_UDLOEBER",
        titel=_("Perioden udløber uden beslutning"),
        grundlag=format_lazy(
            "{}: {}",
            lov.PERIODE,
            _("højst 6 måneder ad gangen, ny periode kræver konkret vurdering"),
        ),
        rettelse=_(
            "Beslut før periodens udløb: bevilg en ny periode med en konkret vurdering, "
            "eller afslut forløbet."
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) - %(udloeber_dage)s::int AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            GROUP BY a.id
            HAVING max(b.slut) >= %(today)s
               AND max(b.slut) <= %(today)s + %(udloeber_dage)s::int""",
    ),
    Regel(
        kode="PERIODE_OVERSKREDET",
        titel=_("Forløb eller tid uden for en bevilget periode"),
        grundlag=format_lazy("{}: {}", lov.PERIODE, _("støtte kun inden for en bevilget periode")),
        rettelse=_(
            "Bevilg en ny periode med en konkret vurdering, afslut forløbet, eller ret de "
            "kontakter, der ligger uden for perioden."
        ),
        ansvarlig=SAGSBEHANDLER,
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) + 1 AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            GROUP BY a.id HAVING max(b.slut) < %(today)s
            UNION ALL
            SELECT u.forloeb_id, min(k.dato) AS siden
            FROM {kontakt} k
            JOIN {ugereg} u ON u.id = k.registrering_id
            JOIN {forloeb} f ON f.id = u.forloeb_id
            WHERE f.status <> 'kladde' AND k.dato <= %(today)s
              AND (%(alle)s OR u.forloeb_id = ANY(%(ids)s::bigint[]))
              AND NOT EXISTS (
                  SELECT 1 FROM {bevilling} b
                  WHERE b.forloeb_id = u.forloeb_id AND k.dato BETWEEN b.start AND b.slut)
            GROUP BY u.forloeb_id""",
    ),
    Regel(
        kode="PSYKIATRI_UNDER_SEKS_MAANEDER",
        titel=_("Retten til mindst 6 måneders mentorstøtte efter udskrivning"),
        grundlag=lov.PSYKIATRI,
        rettelse=_(
            "Borgeren har ret til mentorstøtte i mindst 6 måneder i alt: bevilg en ny periode, "
            "eller notér hvorfor forløbet slutter før (fx borgerens eget ønske)."
        ),
        ansvarlig=SAGSBEHANDLER,
        # Granted days in all, from the first start; flagged when the last period ends
        # within the warning days (or has ended) with fewer than 6 months granted.
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, max(b.slut) - %(udloeber_dage)s::int AS siden
            FROM aktive a JOIN {bevilling} b ON b.forloeb_id = a.id
            WHERE a.lovgrundlag = 'psykiatri'
            GROUP BY a.id, a.foerste_start
            HAVING max(b.slut) <= %(today)s + %(udloeber_dage)s::int
               AND sum(b.slut - b.start + 1)
                   < (a.foerste_start + interval '6 months')::date - a.foerste_start""",
    ),
    Regel(
        kode="TREPARTSMOEDE_MANGLER",
        titel=_("Intet trepartsmøde ved opstart"),
        grundlag=_("Praksis (Hjørring, Rambøll): opstartsmøde inden for de første uger"),
        rettelse=_("Hold og registrér opstartsmødet med borger, mentor og sagsbehandler."),
        ansvarlig=SAGSBEHANDLER,
        # A late meeting closes the flag; the dashboard shows how many were held in time.
        sql="""WITH {aktive}
            SELECT a.id AS forloeb_id, a.foerste_start + %(trepart_dage)s::int + 1 AS siden
            FROM aktive a
            WHERE a.foerste_start + %(trepart_dage)s::int < %(today)s
              AND NOT EXISTS (
                  SELECT 1 FROM {moede} m
                  WHERE m.forloeb_id = a.id AND m.type = 'opstart' AND m.dato <= %(today)s)""",
    ),
]
