"""The written mentor agreement as a PDF (reportlab, pure Python).

It holds the six elements the agreement rule asks for (bekendtgørelsen udstedt efter LAB
§ 171) — goal, the mentor's name and contact details, the mentor's tasks, the duration,
the hours per week, and the complaints guide — plus the citizen's name, masked CPR number
and the version. Values come from the frozen Mentoraftale version.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Mentoraftale
from .timer import formater_timer


def _p(text: str) -> str:
    return escape(text or "").replace("\n", "<br/>")


def mentoraftale_pdf(aftale: Mentoraftale) -> bytes:
    forloeb = aftale.bevilling.forloeb
    borger = forloeb.borger
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Mentoraftale"),
        author=str(forloeb.organisation),
    )
    styles = getSampleStyleSheet()
    h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]

    facts = Table(
        [
            [_("Borger"), Paragraph(_p(borger.navn), body)],
            [_("CPR-nummer"), borger.cpr_maskeret],
            [_("Forløb"), str(forloeb.pk)],
            [_("Udstedt"), f"{aftale.dato:%d.%m.%Y}"],
            [
                _("Version"),
                _("%(v)s (%(aarsag)s)")
                % {"v": aftale.version, "aarsag": aftale.get_aarsag_display()},
            ],
            [_("Sagsbehandler"), Paragraph(_p(str(forloeb.sagsbehandler)), body)],
        ],
        colWidths=[40 * mm, None],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))

    varighed = _("%(start)s til %(slut)s") % {
        "start": f"{aftale.start:%d.%m.%Y}",
        "slut": f"{aftale.slut:%d.%m.%Y}",
    }
    organisation = forloeb.organisation
    afsender = f"<b>{_p(organisation.jobcenter_navn)}</b>"
    if organisation.adresse:
        afsender += "<br/>" + _p(organisation.adresse)
    story = [
        Paragraph(afsender, body),
        Paragraph(_("Mentoraftale"), h1),
        Paragraph(_("Aftale om mentorstøtte efter lov om en aktiv beskæftigelsesindsats."), body),
        Spacer(1, 4 * mm),
        facts,
        Paragraph(_("Mål"), h2),
        Paragraph(_p(aftale.maal), body),
        Paragraph(_("Mentor"), h2),
        Paragraph(_p(aftale.mentor_navn), body),
        Paragraph(_("Kontakt: %(kontakt)s") % {"kontakt": _p(aftale.mentor_kontakt)}, body),
        Paragraph(_("Mentorens opgaver"), h2),
        Paragraph(_p(aftale.opgaver), body),
        Paragraph(_("Varighed"), h2),
        Paragraph(varighed, body),
        Paragraph(_("Timer pr. uge"), h2),
        Paragraph(
            _("%(timer)s timer pr. uge") % {"timer": formater_timer(aftale.timer_pr_uge)}, body
        ),
        Paragraph(_("Klagevejledning"), h2),
        Paragraph(_p(aftale.klagevejledning), body),
        Spacer(1, 8 * mm),
        Paragraph(
            _("Udskrevet %(dato)s") % {"dato": f"{timezone.localdate():%d.%m.%Y}"},
            styles["Italic"],
        ),
    ]
    if not aftale.udleveret:
        # The citizen's copy: signature lines, not the internal "not handed out" remark.
        story += [
            Paragraph(_("Jeg har modtaget aftalen og er indforstået med indholdet."), body),
            Spacer(1, 14 * mm),
            Paragraph("_" * 45 + "<br/>" + _("Dato og borgerens underskrift"), body),
            Spacer(1, 14 * mm),
            Paragraph(
                "_" * 45
                + "<br/>"
                + _("Dato og underskrift for %(jc)s") % {"jc": _p(organisation.jobcenter_navn)},
                body,
            ),
        ]
    if aftale.udleveret:
        story.append(
            Paragraph(
                _("Udleveret til borgeren %(dato)s (%(maade)s)")
                % {
                    "dato": f"{aftale.udleveret:%d.%m.%Y}",
                    "maade": aftale.get_udleveringsmaade_display(),
                },
                styles["Italic"],
            )
        )
    doc.build(story)
    return buffer.getvalue()
