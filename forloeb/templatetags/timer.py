"""Hours in templates through forloeb.timer.formater_timer — the one formatter the screen,
the print and the PDF share (2, 2,5, 1,25; never 2,50)."""

from django import template

from forloeb.timer import formater_timer

register = template.Library()


@register.filter
def timer(value):
    return "" if value is None or value == "" else formater_timer(value)
