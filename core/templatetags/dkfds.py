"""Template helpers for DKFDS (Det Fælles Designsystem) markup shared by every screen."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms, template
from django.forms import BoundField
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

SPRITE = "vendor/dkfds/img/all-svg-icons.svg"

# Our state words (selectors and views say ok/warn/bad) as DKFDS badge variants.
BADGE = {"ok": "badge-success", "warn": "badge-warning", "bad": "badge-error", "info": "badge-info"}

# Django message levels as DKFDS alert variants.
ALERT = {"success": "success", "error": "error", "warning": "warning", "info": "info"}
ALERT_IKON = {"success": "success", "error": "error", "warning": "warning", "info": "info"}


@register.simple_tag
def ikon(navn: str, label: str = "", klasse: str = ""):
    """A DKFDS icon from the vendored sprite; decorative unless it has a label."""
    href = f"{static(SPRITE)}#{navn}"
    css = " ".join(c for c in ("icon-svg", klasse) if c)
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}">'
            '<use href="{}"></use></svg>',
            css,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true"><use href="{}"></use></svg>',
        css,
        href,
    )


@register.filter
def badge(tilstand: str) -> str:
    """`ok`/`warn`/`bad` to the DKFDS badge class."""
    return BADGE.get(tilstand, "")


@register.filter
def alert_variant(message) -> str:
    tags = getattr(message, "tags", "") or ""
    for tag in tags.split():
        if tag in ALERT:
            return ALERT[tag]
    return "info"


@register.filter
def dkfds_klasse(widget: dict) -> str:
    """The DKFDS class for a rendered widget, plus any class the form gave it."""
    template_name = widget.get("template_name", "")
    kind = widget.get("type", "")
    if template_name.endswith("select_option.html"):
        base = ""
    elif template_name.endswith("select.html"):
        base = "form-select"
    elif kind == "checkbox":
        base = "form-checkbox"
    elif kind == "radio":
        base = "form-radio"
    elif kind in ("hidden", "submit", "file"):
        base = ""
    else:
        base = "form-input"
    extra = widget.get("attrs", {}).get("class", "")
    return " ".join(c for c in (base, extra) if c)


def _felt_id(field: BoundField) -> str:
    """Where the summary's link lands: the input itself, or a group's first option."""
    if isinstance(field.field.widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.inclusion_tag("forms/fejlopsummering.html")
def fejlopsummering(*forms):
    """DKFDS' error summary for the given forms: each field's message links to the field.

    Empty when no form has errors. It is focused on load (autofocus, and DKFDS' script),
    so after a failed POST a phone user lands on the errors, wherever the form is.
    """
    fejl = []
    flade = []
    for form in forms:  # a list of forms counts as its forms
        flade.extend(form if isinstance(form, list | tuple) else [form])
    for form in flade:
        if not form or not form.is_bound or not form.errors:
            continue
        for message in form.non_field_errors():
            fejl.append({"tekst": message, "href": ""})
        for field in form:
            if field.is_hidden:
                for message in field.errors:
                    fejl.append({"tekst": message, "href": ""})
                continue
            for message in field.errors:
                fejl.append({"tekst": f"{field.label}: {message}", "href": "#" + _felt_id(field)})
    return {"fejl": fejl}


@register.inclusion_tag("forms/sider.html")
def sider(side, params="", forrige=None, naeste=None, navn=None, **ekstra):
    """DKFDS pagination for a Django Page, keeping the other query parameters (an encoded
    query string in `params`, and/or single parameters as keyword arguments)."""
    dele = [p for p in (params, urlencode({k: v for k, v in ekstra.items() if v})) if p]

    def url(nummer):
        return "?" + "&".join([*dele, urlencode({"side": nummer})])

    if side is None or not side.has_other_pages():
        return {"vis": False}
    antal = side.paginator.num_pages
    nr = side.number
    vis = sorted({1, antal, nr - 1, nr, nr + 1} & set(range(1, antal + 1)))
    punkter = []
    for i, n in enumerate(vis):
        if i and n - vis[i - 1] > 1:
            punkter.append({"prikker": True})
        punkter.append({"nummer": n, "url": url(n), "aktuel": n == nr, "sidste": n == antal})
    return {
        "vis": True,
        "side": side,
        "punkter": punkter,
        "forrige_url": url(nr - 1) if side.has_previous() else "",
        "naeste_url": url(nr + 1) if side.has_next() else "",
        "forrige": forrige or _("Forrige"),
        "naeste": naeste or _("Næste"),
        "navn": navn or _("Sider"),
    }
