"""The written mentor agreement as a PDF: the print view's own template, laid out by
WeasyPrint with the print stylesheet, so screen, print and PDF cannot drift apart.

The agreement holds the six elements the agreement rule asks for (bekendtgørelsen udstedt
efter LAB § 171) — goal, the mentor's name and contact details, the mentor's tasks, the
duration, the hours per week, and the complaints guide — plus the issuing job centre, the
citizen's name, masked CPR number and the version. Values come from the frozen
Mentoraftale version. Rendering reads our own static files from disk and nothing else: no
network fetch, whatever the HTML links to.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import Mentoraftale

logger = logging.getLogger(__name__)

# The document's base address: never resolved, only the fetcher below reads it.
BASE_URL = "https://mentorsag.invalid/"
# The frame the agreement's template extends for the PDF instead of base.html.
PDF_RAMME = "forloeb/aftale_pdf.html"


def _statisk_fil(navn: str) -> Path | None:
    """A static file on disk: the source tree first (what `{% static %}` names in
    development), then the collected, hashed files in production."""
    navn = posixpath.normpath(navn)
    if navn.startswith(("..", "/")) or navn == ".":
        return None
    fundet = finders.find(navn)
    if fundet:
        return Path(fundet)
    try:
        sti = Path(staticfiles_storage.path(navn))
    except (NotImplementedError, SuspiciousFileOperation):
        return None
    return sti if sti.is_file() else None


class StatiskeFiler(URLFetcher):
    """Serves the project's static files (stylesheets, fonts) from disk and refuses every
    other URL, so rendering never reaches a CDN or any other host."""

    def __init__(self):
        super().__init__()
        self.praefiks = urljoin(BASE_URL, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        adresse = url.split("#")[0].split("?")[0]
        sti = None
        if adresse.startswith(self.praefiks):
            navn = unquote(urlsplit(adresse).path[len(urlsplit(self.praefiks).path) :])
            sti = _statisk_fil(navn)
        if sti is None:
            logger.warning("PDF: refused to fetch %s (not one of our static files)", url[:200])
            raise ValueError(f"Not one of our static files: {url[:200]}")
        type_ = mimetypes.guess_type(sti.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, sti.read_bytes(), {"Content-Type": type_})


def html_til_pdf(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StatiskeFiler()).write_pdf()


def aftale_kontekst(aftale: Mentoraftale) -> dict:
    """What the agreement's template needs, the same for the page and the PDF."""
    forloeb = aftale.bevilling.forloeb
    return {
        "title": _("Mentoraftale"),
        "aftale": aftale,
        "forloeb": forloeb,
        "borger": forloeb.borger,
        "udskrevet": timezone.localdate(),
    }


def mentoraftale_pdf(aftale: Mentoraftale) -> bytes:
    html = render_to_string("forloeb/aftale.html", {**aftale_kontekst(aftale), "ramme": PDF_RAMME})
    return html_til_pdf(html)
