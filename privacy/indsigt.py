"""Everything recorded about one citizen, for a request for access (GDPR art. 15).

`indsigt_data` builds a plain JSON-ready dict; `indsigt_pdf` renders the same dict as a
PDF. Callers check permissions.may_export_citizen and log Handling.INDSIGT.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from forloeb.models import (
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
)

# Internal bookkeeping that tells the citizen nothing.
UDELADT = {"id", "organisation", "cpr_krypteret", "cpr_hash", "version", "borger", "forloeb"}


def _value(f: models.Field, obj):
    value = getattr(obj, f.attname)
    if value is None:
        return None
    if f.is_relation:
        related = getattr(obj, f.name)
        return str(related) if related is not None else None
    if isinstance(f, ArrayField):
        labels = dict(f.base_field.choices or [])
        return [str(labels.get(v, v)) for v in value]
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _post(obj, *, skip=()) -> dict:
    """One record as {verbose field name: readable value}."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in UDELADT or f.name in skip:
            continue
        data[str(f.verbose_name)] = _value(f, obj)
    return data


def _forloeb_qs(borger: Borger):
    qs = (
        Forloeb.objects.filter(borger=borger)
        .select_related("team", "sagsbehandler", "mentor", "afslutning__afsluttet_af")
        .prefetch_related(
            "tilknytninger__mentor",
            "tilknytninger__oprettet_af",
            Prefetch(
                "bevillinger",
                queryset=Bevilling.objects.select_related("besluttet_af").prefetch_related(
                    "aftaler"
                ),
            ),
            "bevillinger__timeaendringer__besluttet_af",
            "moeder__oprettet_af",
            Prefetch(
                "arbejdspunkter",
                queryset=Arbejdspunkt.objects.prefetch_related("vurderinger__registreret_af"),
            ),
            "statusrapporter__mentor",
            "opfoelgninger__udfoert_af",
            "resultater__registreret_af",
        )
        .order_by("oprettet")
    )
    if apps.is_installed("tidsregistrering"):
        qs = qs.prefetch_related("ugeregistreringer__kontakter", "ugeregistreringer__mentor")
    return qs


def indsigt_data(borger: Borger) -> dict:
    """All data about the citizen, courses first to last."""
    borger_post = _post(borger)
    borger_post[_("CPR-nummer")] = (
        borger.cpr_fuldt() if not borger.pseudonymiseret else borger.cpr_maskeret
    )
    forloeb_liste = []
    for f in _forloeb_qs(borger):
        post = _post(f)
        post[_("forløbsnummer")] = f.pk
        post[_("mentorperioder")] = [_post(t) for t in f.tilknytninger.all()]
        bevillinger = []
        for b in f.bevillinger.all():
            b_post = _post(b)
            b_post[_("timeændringer")] = [
                _post(t, skip={"bevilling"}) for t in b.timeaendringer.all()
            ]
            b_post[_("mentoraftaler")] = [
                _post(a, skip={"bevilling"})
                for a in sorted(b.aftaler.all(), key=lambda a: a.version)
            ]
            bevillinger.append(b_post)
        post[_("bevillingsperioder")] = bevillinger
        post[_("møder")] = [_post(m) for m in f.moeder.all()]
        arbejdspunkter = []
        for a in f.arbejdspunkter.all():
            a_post = _post(a)
            a_post[_("vurderinger")] = [
                _post(v, skip={"arbejdspunkt"}) for v in a.vurderinger.all()
            ]
            arbejdspunkter.append(a_post)
        post[_("arbejdspunkter")] = arbejdspunkter
        post[_("statusrapporter")] = [_post(s) for s in f.statusrapporter.all()]
        post[_("opfølgninger på levering")] = [_post(o) for o in f.opfoelgninger.all()]
        afslutning = getattr(f, "afslutning", None)
        post[_("afslutning")] = _post(afslutning) if afslutning else None
        post[_("resultater")] = [_post(r) for r in f.resultater.all()]
        if hasattr(f, "ugeregistreringer"):
            uger = []
            for u in f.ugeregistreringer.all():
                u_post = _post(u)
                u_post[_("kontakter")] = [
                    _post(k, skip={"registrering"}) for k in u.kontakter.all()
                ]
                uger.append(u_post)
            post[_("ugeregistreringer")] = uger
        forloeb_liste.append(post)
    return {
        _("udtræk"): {
            _("dannet"): timezone.localtime().isoformat(timespec="seconds"),
            _("organisation"): str(borger.organisation),
        },
        _("borger"): borger_post,
        _("forløb"): forloeb_liste,
    }


# --- PDF ----------------------------------------------------------------------------------


def _tekst(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def indsigt_pdf(borger: Borger) -> bytes:
    """The same content as indsigt_data, as a readable PDF."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    data = indsigt_data(borger)
    story = [Paragraph(escape(_("Indsigt i egne oplysninger")), styles["Title"])]

    def afsnit(titel: str, post: dict, niveau: int) -> None:
        style = styles[f"Heading{min(niveau, 4)}"]
        story.append(Paragraph(escape(titel[:1].upper() + titel[1:]), style))
        rows = []
        underafsnit = []
        for key, value in post.items():
            if isinstance(value, dict):
                underafsnit.append((key, [value]))
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                underafsnit.append((key, value))
            else:
                rows.append(
                    [
                        Paragraph(escape(str(key)[:1].upper() + str(key)[1:]), styles["BodyText"]),
                        Paragraph(escape(_tekst(value)).replace("\n", "<br/>"), styles["BodyText"]),
                    ]
                )
        if rows:
            table = Table(rows, colWidths=[5.5 * cm, 11 * cm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
        for key, poster in underafsnit:
            for nr, underpost in enumerate(poster, start=1):
                label = f"{key} {nr}" if len(poster) > 1 else str(key)
                afsnit(label, underpost, niveau + 1)
        story.append(Spacer(1, 0.3 * cm))

    for key, value in data.items():
        if isinstance(value, list):
            for nr, post in enumerate(value, start=1):
                afsnit(f"{key} {nr}", post, 1)
        else:
            afsnit(str(key), value, 1)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Indsigt i egne oplysninger"),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    doc.build(story)
    return buffer.getvalue()
