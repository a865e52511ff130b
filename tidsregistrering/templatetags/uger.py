import datetime as dt

from django import template
from django.utils.translation import gettext as _

from tidsregistrering.uger import uge_tekst

register = template.Library()


@register.filter
def uge(value, med_aar=False) -> str:
    """A date's ISO week as Danes say it: `{{ mandag|uge }}` → "uge 38"."""
    if not isinstance(value, dt.date):
        return ""
    aar, nummer, _dag = value.isocalendar()
    return uge_tekst(aar, nummer, med_aar=bool(med_aar))


@register.filter
def varighed(minutter) -> str:
    """Minutes as hours and minutes: 45 → "45 min", 90 → "1 t 30 min", 120 → "2 t"."""
    try:
        minutter = int(minutter)
    except (TypeError, ValueError):
        return ""
    timer, rest = divmod(minutter, 60)
    if not timer:
        return _("%(m)s min") % {"m": rest}
    if not rest:
        return _("%(t)s t") % {"t": timer}
    return _("%(t)s t %(m)s min") % {"t": timer, "m": rest}
