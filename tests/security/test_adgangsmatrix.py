"""The permission matrix over every screen, export and API endpoint that exists.

Instead of a hand-kept list, the test walks the URL configuration: every route whose
arguments are ids is requested with the ids of mentor B's citizen, course, grant,
agreement, work point, week registration and mentor profile, by each user who must not
see them. A new screen is covered the day it lands. What is checked is what a user would
notice: no page, export or API answer shows B's citizen, notes or goal; nothing crashes;
nothing of B's is changed by a guessed POST.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from forloeb import services
from tests.factories import aktivt_forloeb, mentor_with_login
from tidsregistrering.models import Ugeregistrering

from .conftest import HEMMELIG_MAAL, HEMMELIG_NOTE, HEMMELIG_STATUS

pytestmark = pytest.mark.django_db

# Routes that are not about anyone's data, or that change the session itself.
UDELADT = {"login", "logout", "api-token", "api-docs-asset", "healthz", "api-schema"}
ADMIN = "admin"


def _routes():
    """(full url name, argument names, str-argument names) for every named route."""

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                yield from walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                if isinstance(p.pattern, RoutePattern):
                    conv = p.pattern.converters
                    ints = [k for k, c in conv.items() if isinstance(c, IntConverter)]
                    strs = [k for k in conv if k not in ints]
                elif isinstance(p.pattern, RegexPattern):
                    ints = list(re.compile(p.pattern._regex).groupindex)
                    strs = []
                else:  # pragma: no cover
                    continue
                yield name, ints, strs

    seen = set()
    for name, ints, strs in walk(get_resolver().url_patterns, ""):
        key = (name, tuple(ints), tuple(strs))
        if name.split(":")[0] == ADMIN or name in UDELADT or key in seen:
            continue
        if "format" in ints or "filename" in ints:
            continue  # DRF's ".json" suffix twins of the same view
        seen.add(key)
        yield name, ints, strs


STR_VALUES = {"format": ["csv", "xlsx", "json"]}


def _urls(ids: list[int]):
    """Every URL, with each id argument filled by each of B's ids."""
    aar, uge, _ = date.today().isocalendar()
    special = {"aar": [aar], "uge": [uge]}
    for name, ints, strs in _routes():
        choices = [special.get(k, ids) for k in ints] + [STR_VALUES.get(k, ["x"]) for k in strs]
        for values in itertools.product(*choices):
            kwargs = dict(zip(ints + strs, values, strict=True))
            try:
                yield name, bool(ints), reverse(name, kwargs=kwargs)
            except Exception:  # noqa: S112 - a route that takes other shapes of arguments
                continue


def _tekst(response) -> str:
    """What a person would read in the answer: HTML, JSON, CSV, PDF or spreadsheet."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    ctype = response.get("Content-Type", "")
    if "pdf" in ctype:
        from pypdf import PdfReader

        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheet" in ctype or "excel" in ctype:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v
        )
    text = body.decode("utf-8", errors="replace")
    if "csv" in ctype:
        return " ".join(" ".join(row) for row in csv.reader(io.StringIO(text)))
    return text


@pytest.fixture
def b(scenarie):
    """Mentor B's citizen with every kind of record, all of them with one and the same id.

    Every sequence is moved to a common value first, so each of B's records is the first
    new row of its table: one guessed id per route then hits B's citizen, course, grant,
    agreement, meeting, work point, status report, week registration and mentor profile.
    """
    with connection.cursor() as cur:
        cur.execute("SELECT max(last_value) FROM pg_sequences WHERE schemaname = 'public'")
        faelles = (cur.fetchone()[0] or 0) + 1000
        cur.execute(
            "SELECT setval(format('%%I.%%I', schemaname, sequencename)::regclass, %s) "
            "FROM pg_sequences WHERE schemaname = 'public'",
            [faelles],
        )
    mentor = mentor_with_login(scenarie.team)
    start = date.today() - timedelta(weeks=6)
    forloeb = aktivt_forloeb(
        team=scenarie.team,
        start=start,
        mentor=mentor,
        sagsbehandler=scenarie.sagsbehandler,
        maal=HEMMELIG_MAAL,
    )
    sb = scenarie.sagsbehandler
    moede = services.registrer_moede(
        user=sb, forloeb=forloeb, type="opstart", dato=start, referat=HEMMELIG_NOTE
    )
    punkt = services.opret_arbejdspunkt(user=mentor.bruger, forloeb=forloeb, titel=HEMMELIG_NOTE)
    rapport = services.skriv_statusrapport(
        user=mentor.bruger, forloeb=forloeb, tekst=HEMMELIG_STATUS
    )
    mandag = start - timedelta(days=start.weekday()) + timedelta(weeks=1)
    aar, uge, _ = mandag.isocalendar()
    reg = Ugeregistrering.objects.create(
        forloeb=forloeb,
        aar=aar,
        uge=uge,
        uge_start=mandag,
        mentor=mentor,
        minutter_i_alt=60,
        registreret_af=mentor.bruger,
    )
    bevilling = forloeb.bevillinger.get()
    records = [
        forloeb.borger,
        forloeb,
        bevilling,
        bevilling.aftale,
        moede,
        punkt,
        rapport,
        reg,
        mentor,
        mentor.bruger,
    ]
    assert {r.pk for r in records} == {faelles + 1}
    return forloeb


def _b_snapshot(forloeb) -> tuple:
    b = type(forloeb).objects.get(pk=forloeb.pk)
    return (
        b.version,
        b.status,
        b.mentor_id,
        b.maal,
        b.moeder.count(),
        b.statusrapporter.count(),
        b.arbejdspunkter.count(),
        b.opfoelgninger.count(),
        b.bevillinger.count(),
        b.ugeregistreringer.filter(godkendt__isnull=False).count(),
        b.borger.navn,
    )


# Who must not see what: (role, B's citizen name forbidden too?)
UDENFORSTAAENDE = [
    ("mentor_a", True),
    ("fremmed_teamleder", True),
    ("anden_kommune", True),
    ("fremmed_sagsbehandler", False),  # may look a citizen up (logged), not another team's case
    ("koordinator", False),  # sees course headlines, not content
    ("administrator", False),  # configuration and logs, no case content
]


@pytest.mark.parametrize(("rolle", "navn_forbudt"), UDENFORSTAAENDE)
def test_udenforstaaende_ser_intet_af_mentor_bs_borger(scenarie, b, client, rolle, navn_forbudt):
    client.force_login(getattr(scenarie, rolle))
    hemmeligt = [HEMMELIG_NOTE, HEMMELIG_STATUS, HEMMELIG_MAAL]
    if navn_forbudt:
        hemmeligt.append(b.borger.navn)
    fejl = []
    antal = 0
    for _name, med_id, url in _urls([b.pk]):
        for query in ({}, {"forloeb": b.pk, "borger": b.borger_id}):
            if med_id and query:
                continue
            response = client.get(url, query)
            antal += 1
            if response.status_code >= 500:
                fejl.append(f"{url}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            tekst = _tekst(response)
            fejl += [f"{url} {query or ''} viser {s!r}" for s in hemmeligt if s in tekst]
    assert antal > 40, "the walk found too few routes to mean anything"
    assert not fejl, "\n".join(fejl)


@pytest.mark.parametrize("rolle", ["mentor_a", "anden_kommune"])
def test_gaettede_post_kald_aendrer_intet_hos_mentor_b(scenarie, b, client, rolle):
    client.force_login(getattr(scenarie, rolle))
    before = _b_snapshot(b)
    fejl = []
    for _name, med_id, url in _urls([b.pk]):
        if not med_id:
            continue
        response = client.post(url, {"begrundelse": "x", "tekst": "x", "titel": "x"})
        if response.status_code >= 500:
            fejl.append(f"POST {url}: {response.status_code}")
        elif response.status_code == 200 and HEMMELIG_NOTE in _tekst(response):
            fejl.append(f"POST {url} viser B's noter")
    assert not fejl, "\n".join(fejl)
    assert _b_snapshot(b) == before


def test_mentor_b_og_sagsbehandleren_ser_borgeren_paa_samme_id(scenarie, b, client):
    """The other side of the matrix: the guessed id does reach B's pages for those allowed."""
    client.force_login(b.mentor.bruger)
    response = client.get(reverse("forloeb:mentor_forloeb", args=[b.pk]))
    assert response.status_code == 200
    assert b.borger.navn in response.content.decode()
    client.force_login(scenarie.sagsbehandler)
    for name in ("forloeb:forloeb_detalje", "forloeb:borger_detalje", "privacy:historik"):
        response = client.get(reverse(name, args=[b.pk]))
        assert response.status_code == 200, name
        assert b.borger.navn in response.content.decode()
    client.force_login(scenarie.mentor_a)
    response = client.get(reverse("forloeb:mentor_forloeb", args=[b.pk]))
    assert response.status_code == 404
