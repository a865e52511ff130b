import datetime as dt

from django import template

from tidsregistrering.uger import uge_tekst

register = template.Library()


@register.filter
def uge(value, med_aar=False) -> str:
    """A date's ISO week as Danes say it: `{{ mandag|uge }}` → "uge 38"."""
    if not isinstance(value, dt.date):
        return ""
    aar, nummer, _dag = value.isocalendar()
    return uge_tekst(aar, nummer, med_aar=bool(med_aar))
