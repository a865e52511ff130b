"""A provider's monthly settlement as a PDF that can be sent to the provider (reportlab).

It names courses by number and mentors by name, never the citizen: the provider knows
its own citizens, and the document leaves the municipality.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import maaneder
from .selectors.afregning import Udkast


def _kr(value) -> str:
    if value is None:
        return "–"
    tekst = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{tekst} kr."


def _t(value) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


STIL = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("ALIGN", (4, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
    ]
)


def afregning_pdf(udkast: Udkast, *, organisation: str) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Afregning %(m)s") % {"m": maaneder.tekst(udkast.maaned)},
        author=organisation,
    )
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
    lev = udkast.leverandoer
    if udkast.godkendt:
        status = _("Godkendt %(dato)s af %(hvem)s") % {
            "dato": f"{timezone.localtime(udkast.afregning.godkendt):%d.%m.%Y}",
            "hvem": escape(str(udkast.afregning.godkendt_af)),
        }
    else:
        status = _("UDKAST – ikke godkendt")
    fakta = Table(
        [
            [_("Leverandør"), Paragraph(escape(lev.navn), body)],
            [_("CVR-nummer"), lev.cvr],
            [_("Kommune"), Paragraph(escape(organisation), body)],
            [_("Team"), Paragraph(escape(udkast.team.navn), body)],
            [_("Måned"), maaneder.tekst(udkast.maaned)],
            [_("Status"), Paragraph(status, body)],
        ],
        colWidths=[40 * mm, None],
    )
    story = [
        Paragraph(_("Afregning af mentortimer"), h1),
        fakta,
        Spacer(1, 4 * mm),
        Paragraph(
            _(
                "Kun godkendte uger afregnes, til den timepris der gælder på ugens mandag. En uge "
                "hører til den måned, dens mandag ligger i."
            ),
            body,
        ),
        Paragraph(_("Månedens uger"), h2),
    ]
    hoved = [_("Forløb"), _("Uge"), _("Mentor"), _("Ugens mandag"), _("Bevilget (t)"),
             _("Godkendt (t)"), _("Timepris"), _("Beløb")]  # fmt: skip
    rows = [hoved] + [
        [str(k.forloeb_id), f"{k.uge}/{k.aar}", Paragraph(escape(k.mentor_navn), body),
         f"{k.uge_start:%d.%m.%Y}", _t(k.bevilget_timer), _t(k.timer), _kr(k.timepris),
         _kr(k.beloeb)]
        for k in udkast.linjer
    ]  # fmt: skip
    rows.append(["", "", _("I alt"), "", _t(udkast.bevilget_timer), _t(udkast.timer), "",
                 _kr(udkast.beloeb)])  # fmt: skip
    tabel = Table(rows, repeatRows=1)
    tabel.setStyle(STIL)
    story.append(tabel)
    if udkast.korrektioner:
        story.append(Paragraph(_("Korrektioner af tidligere afregnede uger"), h2))
        hoved = [_("Forløb"), _("Uge"), _("Mentor"), _("Årsag"), _("Tidligere (t)"),
                 _("Nu (t)"), _("Timepris"), _("Tidligere afregnet"), _("Korrektion")]  # fmt: skip
        rows = [hoved] + [
            [str(k.forloeb_id), f"{k.uge}/{k.aar}", Paragraph(escape(k.mentor_navn), body),
             Paragraph(escape(k.aarsag_tekst), body), _t(k.tidligere_timer), _t(k.timer),
             _kr(k.timepris), _kr(k.tidligere_beloeb), _kr(k.beloeb)]
            for k in udkast.korrektioner
        ]  # fmt: skip
        tabel = Table(rows, repeatRows=1)
        tabel.setStyle(STIL)
        story.append(tabel)
    story += [
        Spacer(1, 4 * mm),
        Paragraph(
            _("Til betaling: %(kr)s (uger %(uger)s, korrektioner %(korr)s)")
            % {
                "kr": _kr(udkast.i_alt),
                "uger": _kr(udkast.beloeb),
                "korr": _kr(udkast.korrektioner_beloeb),
            },
            h2,
        ),
    ]
    if udkast.afventer:
        story.append(Paragraph(_("Registrerede uger, der ikke er godkendt endnu"), h2))
        story.append(
            Paragraph(
                _("De afregnes i en senere afregning, når sagsbehandleren har godkendt dem."),
                body,
            )
        )
        rows = [[_("Forløb"), _("Uge"), _("Mentor"), _("Registreret (t)"), _("Status")]] + [
            [str(a.forloeb_id), f"{a.uge}/{a.aar}", Paragraph(escape(a.mentor_navn), body),
             _t(a.timer), _("Genåbnet") if a.genaabnet else _("Afventer godkendelse")]
            for a in udkast.afventer
        ]  # fmt: skip
        tabel = Table(rows, repeatRows=1)
        tabel.setStyle(STIL)
        story.append(tabel)
    story.append(Spacer(1, 6 * mm))
    story.append(
        Paragraph(
            _("Udskrevet %(dato)s") % {"dato": f"{timezone.localdate():%d.%m.%Y}"},
            styles["Italic"],
        )
    )
    doc.build(story)
    return buffer.getvalue()
