"""The agreement PDF holds the six elements LAB §31c requires, read back with pypdf."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from forloeb import pdf, services
from forloeb.models import Mentoraftale
from tests.factories import aktivt_forloeb

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def test_aftalens_pdf_indeholder_de_seks_elementer():
    forloeb = aktivt_forloeb(start=dt.date(2026, 2, 2), uger=26, timer="2.5")
    mentor = forloeb.mentor
    mentor.telefon, mentor.email = "22 33 44 55", "mentor@odense.invalid"
    mentor.save()
    # The agreement freezes the mentor's details as they were when it was made.
    aftale = Mentoraftale.objects.get(bevilling__forloeb=forloeb)
    aftale.mentor_kontakt = mentor.kontakt
    aftale.save()

    text = pdf_text(pdf.mentoraftale_pdf(aftale))

    assert "Mentoraftale" in text
    # 1. goal, 2. mentor's name and contact, 3. tasks
    assert forloeb.maal in text
    assert mentor.navn in text
    assert "22 33 44 55" in text and "mentor@odense.invalid" in text
    assert forloeb.opgaver in text
    # 4. duration from-to, 5. hours per week
    assert aftale.start == dt.date(2026, 2, 2)
    assert f"02.02.2026 til {aftale.slut:%d.%m.%Y}" in text
    assert "2,5 timer pr. uge" in text
    # 6. complaints guide
    assert "Klagevejledning" in text
    assert "Ankestyrelsen" in text
    assert services.KLAGEVEJLEDNING[:40] in text
    # The citizen, with the CPR number masked.
    assert forloeb.borger.navn in text
    assert forloeb.borger.cpr_maskeret in text
    assert "xxxx" in text


def test_pdf_viser_udlevering_naar_den_er_registreret():
    from django.utils import timezone

    forloeb = aktivt_forloeb()
    aftale = forloeb.bevillinger.get().aftale
    services.udlever_aftale(
        user=forloeb.sagsbehandler, aftale=aftale, dato=timezone.localdate(), maade="personligt"
    )
    text = pdf_text(pdf.mentoraftale_pdf(aftale))
    assert "Udleveret til borgeren" in text
    assert "Udleveret personligt" in text
