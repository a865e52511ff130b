"""The agreement says who issues it (the job centre's name and address), when and which
version; the citizen's copy has signature lines or the hand-out note and no internal
remark; hours read the same on the screen, in print and in the PDF; the delivery chart has
axes and week labels, with the numbers in a table."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from forloeb import pdf
from forloeb.models import Mentoraftale
from tests.factories import aktivt_forloeb
from tests.forloeb.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def forloeb():
    forloeb = aktivt_forloeb(start=dt.date(2026, 2, 2), uger=26, timer="2.5")
    org = forloeb.organisation
    org.jobcenter, org.adresse = "Jobcenter Odense", "Toldbodgade 7\n5000 Odense C"
    org.save()
    return forloeb


def _aftale(forloeb):
    return Mentoraftale.objects.get(bevilling__forloeb=forloeb)


def test_aftalen_paa_skaermen_har_afsender_udstedelse_version_og_underskrifter(client, forloeb):
    aftale = _aftale(forloeb)
    client.force_login(forloeb.sagsbehandler)
    html = client.get(reverse("forloeb:aftale", args=[aftale.pk])).content.decode()
    assert "Jobcenter Odense" in html and "5000 Odense C" in html
    assert f"{aftale.dato:%d.%m.%Y}" in html and "Udstedt" in html
    assert "Version" in html
    assert "2,5 timer pr. uge" in html and "2,50" not in html
    # Not handed out: the remark is screen-only, the signature lines print-only.
    assert re.search(r'class="[^"]*no-print[^"]*">Endnu ikke udleveret', html)
    assert re.search(r'class="underskrifter d-none d-print-block"', html)
    assert "Dato og borgerens underskrift" in html


def tekst_af(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _timer(tekst: str) -> list[str]:
    return re.findall(r"([0-9][0-9,.]*) timer pr\. uge", tekst)


def test_pdf_har_samme_afsender_timer_og_underskrifter_som_udskriften(client, forloeb):
    aftale = _aftale(forloeb)
    client.force_login(forloeb.sagsbehandler)
    html = client.get(reverse("forloeb:aftale", args=[aftale.pk])).content.decode()
    text = pdf_text(pdf.mentoraftale_pdf(aftale))
    # The same hours, written by the same filter, in the print and in the PDF.
    assert _timer(html) == _timer(text) == ["2,5"]
    for fakta in (
        "Jobcenter Odense",
        "Toldbodgade 7",
        "5000 Odense C",
        f"Udstedt {aftale.dato:%d.%m.%Y}",
        f"Version {aftale.version} (Bevilling af perioden)",
        "Dato og borgerens underskrift",
        "Dato og underskrift for Jobcenter Odense",
        "Jeg har modtaget aftalen og er indforstået med indholdet.",
    ):
        assert fakta in text and fakta in tekst_af(html)
    # The screen-only remark stays on the screen.
    assert "Endnu ikke udleveret" in html
    assert "Endnu ikke udleveret" not in text


def test_forloebssiden_skriver_timer_som_aftalen(client, forloeb):
    client.force_login(forloeb.sagsbehandler)
    html = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()
    assert ">2,5<" in html and "2,50" not in html


def test_leveringsdiagrammet_har_akser_ugenumre_og_tabel(client, forloeb):
    client.force_login(forloeb.sagsbehandler)
    html = client.get(reverse("tidsregistrering:levering", args=[forloeb.pk])).content.decode()
    start = html.index('<figure class="tid-diagram">')
    svg = html[start : html.index("</figure>", start)]
    assert svg.count('class="tid-akse"') == 2
    assert svg.count('class="tid-gitter"') == 3
    uger = re.findall(r'text-anchor="middle" aria-hidden="true">(\d+)</text>', svg)
    assert uger and all(1 <= int(u) <= 53 for u in uger)
    assert 'preserveAspectRatio="none"' not in svg
    assert f'id="uger-tabel-{forloeb.pk}"' in html
    assert f'href="#uger-tabel-{forloeb.pk}"' in html
