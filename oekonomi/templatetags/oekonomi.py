"""Money and hours as a Dane reads them: 1.234,50 kr. and 2,75."""

from decimal import Decimal

from django import template

register = template.Library()


def _dansk(value: Decimal, decimaler: int = 2) -> str:
    tekst = f"{value:,.{decimaler}f}"
    return tekst.replace(",", "X").replace(".", ",").replace("X", ".")


@register.filter
def kr(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{_dansk(Decimal(value))} kr."


@register.filter
def t(value) -> str:
    """Hours with two decimals (the settlement's precision)."""
    if value is None or value == "":
        return "–"
    return _dansk(Decimal(value))


@register.filter
def d1(value) -> str:
    if value is None or value == "":
        return "–"
    return _dansk(Decimal(value), 1)


@register.filter
def pct(value) -> str:
    return "–" if value is None or value == "" else f"{value} %"
