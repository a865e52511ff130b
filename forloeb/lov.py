"""The law as users read it: one place for every citation of the act in force.

LAB = lov om en aktiv beskæftigelsesindsats, LBK nr. 701 af 22/05/2022, kapitel 26
(§§ 167–169) and the executive order issued under § 171. The former numbers (before 2020)
are given in parentheses where caseworkers know them.
"""

from django.utils.translation import gettext_lazy as _

FORMAAL = _("LAB § 167, stk. 1 (tidl. § 31b)")
PERIODE = _("LAB § 167, stk. 1 (tidl. § 31c)")
PSYKIATRI = _("LAB § 167, stk. 2")
UDDANNELSESSTART = _("LAB § 167, stk. 3")
MENTORFUNKTION = _("LAB § 168")
UD_OVER_DET_SAEDVANLIGE = _("LAB § 169")
AFTALE = _("bekendtgørelsen udstedt efter LAB § 171 (skriftlig aftale)")
RET_OG_PLIGT = _(
    "ret og pligt-tilbud om mentorstøtte; minimumskontakt ændret til én gang hver anden uge "
    "ved L 66 (2015-16)"
)
