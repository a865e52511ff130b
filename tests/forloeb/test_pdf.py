"""The agreement PDF holds the six elements LAB §31c requires, read back with pypdf; it
is laid out from our own files only and never fetches anything over the network."""

import datetime as dt
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import Adgangslog, Handling
from forloeb import pdf, services
from forloeb.models import Mentoraftale
from tests.factories import aktivt_forloeb

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def pdf_fonts(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_aftalens_pdf_indeholder_de_seks_elementer(caplog):
    forloeb = aktivt_forloeb(start=dt.date(2026, 2, 2), uger=26, timer="2.5")
    mentor = forloeb.mentor
    mentor.telefon, mentor.email = "22 33 44 55", "mentor@odense.invalid"
    mentor.save()
    # The agreement freezes the mentor's details as they were when it was made.
    aftale = Mentoraftale.objects.get(bevilling__forloeb=forloeb)
    aftale.mentor_kontakt = mentor.kontakt
    aftale.save()

    data = pdf.mentoraftale_pdf(aftale)
    text = pdf_text(data)

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
    assert f"Udskrevet {timezone.localdate():%d.%m.%Y}" in text
    # No screen-only controls, and DKFDS' own typeface from static/.
    assert "Udskriv " not in text and "Hent som PDF" not in text
    assert "Tilbage til forløbet" not in text
    assert any(f.startswith("IBM-Plex-Sans") for f in pdf_fonts(data))
    # Everything the template links to is one of our files.
    assert [r for r in caplog.records if r.name == "forloeb.pdf"] == []


def test_pdf_viser_udlevering_naar_den_er_registreret():
    forloeb = aktivt_forloeb()
    aftale = forloeb.bevillinger.get().aftale
    services.udlever_aftale(
        user=forloeb.sagsbehandler, aftale=aftale, dato=timezone.localdate(), maade="personligt"
    )
    text = pdf_text(pdf.mentoraftale_pdf(aftale))
    assert "Udleveret til borgeren" in text
    assert "Udleveret personligt" in text


def test_pdf_hentes_med_filnavn_og_eksporten_logges(client):
    forloeb = aktivt_forloeb()
    aftale = forloeb.bevillinger.get().aftale
    client.force_login(forloeb.sagsbehandler)
    response = client.get(reverse("forloeb:aftale_pdf", args=[aftale.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="mentoraftale-{aftale.pk}.pdf"'
    )
    assert "Klagevejledning" in pdf_text(response.content)
    log = Adgangslog.objects.get(handling=Handling.EKSPORT)
    assert (log.bruger, log.forloeb_id, log.borger_id) == (
        forloeb.sagsbehandler,
        forloeb.pk,
        forloeb.borger_id,
    )
    assert log.beskrivelse == "Mentoraftale som PDF"


def test_pdf_finder_produktionens_hashede_statiske_filer(settings, tmp_path, caplog):
    """In production `{% static %}` names hashed files that only STATIC_ROOT holds."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    aftale = aktivt_forloeb().bevillinger.get().aftale
    data = pdf.mentoraftale_pdf(aftale)
    assert "Dato og borgerens underskrift" in pdf_text(data)
    assert any(f.startswith("IBM-Plex-Sans") for f in pdf_fonts(data))
    assert [r for r in caplog.records if r.name == "forloeb.pdf"] == []


@pytest.fixture
def webserver():
    """A real HTTP server on this machine that counts the requests it gets."""
    hentet = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hentet.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red; }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hentet
    server.shutdown()
    server.server_close()


def test_pdf_henter_intet_over_nettet(webserver, caplog):
    adresse, hentet = webserver
    html = (
        f'<html><head><link rel="stylesheet" href="{adresse}/cdn.css">'
        f"<style>@import url({adresse}/import.css);</style></head>"
        f'<body><p>Mentoraftale</p><img src="{adresse}/logo.png" alt="">'
        '<img src="/static/../pyproject.toml" alt=""></body></html>'
    )
    assert "Mentoraftale" in pdf_text(pdf.html_til_pdf(html))
    assert hentet == []
    afvist = " ".join(r.getMessage() for r in caplog.records if r.name == "forloeb.pdf")
    assert f"{adresse}/cdn.css" in afvist and f"{adresse}/logo.png" in afvist
    assert "pyproject.toml" in afvist


def test_hentning_giver_kun_vores_statiske_filer(webserver):
    adresse, hentet = webserver
    hent = pdf.StatiskeFiler()
    svar = hent.fetch(pdf.BASE_URL + "static/css/mentorsag.css")
    assert svar.content_type == "text/css"
    assert b"@media print" in svar.read()
    for url in (
        f"{adresse}/static/css/mentorsag.css",
        "https://cdn.example.org/static/css/mentorsag.css",
        pdf.BASE_URL + "static/../manage.py",
        pdf.BASE_URL + "static/css/findes-ikke.css",
        pdf.BASE_URL + "manage.py",
    ):
        with pytest.raises(ValueError, match="Not one of our static files"):
            hent.fetch(url)
    assert hentet == []
