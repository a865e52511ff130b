"""Every link on each role's main screens opens, on the demo data: no 403, 404 or 500.

Each role logs in on the demo municipality, opens its main screens and follows every
internal link on them (a few of each kind: the same view with another id tells nothing
new). A link its reader may not open, or one to a page that does not exist, fails here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from forloeb.models import Forloeb, Mentor, Status
from organisation.models import User

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

HREF = re.compile(r'<a\s[^>]*href="([^"]+)"', re.I)
PR_SLAGS = 3  # links followed per view and set of query keys
SPRING_OVER = ("/static/", "/media/", "/log-ud/", "/logout/", "/admin/logout/")


def _hovedskaerme(user: User) -> list[str]:
    """The role's main screens (the menu's first level, and one course or mentor page)."""
    brugernavn = user.username
    if brugernavn == "sagsbehandler":
        forloeb = Forloeb.objects.filter(sagsbehandler=user, status=Status.AKTIV).first()
        return [
            reverse("start"),
            reverse("forloeb:arbejdsliste"),
            reverse("forloeb:forloeb_liste"),
            reverse("forloeb:borger_soeg"),
            reverse("forloeb:forloeb_detalje", args=[forloeb.pk]),
            reverse("forloeb:borger_detalje", args=[forloeb.borger_id]),
        ]
    if brugernavn == "mentor":
        forloeb = Forloeb.objects.filter(mentor__bruger=user, status=Status.AKTIV).first()
        return [
            reverse("start"),
            reverse("tidsregistrering:min_uge"),
            reverse("tidsregistrering:min_uge") + f"?vis={forloeb.pk}",
            reverse("forloeb:mine_borgere"),
            reverse("forloeb:mentor_forloeb", args=[forloeb.pk]),
        ]
    if brugernavn == "koordinator":
        mentor = Mentor.objects.filter(organisation=user.organisation, aktiv=True).first()
        return [
            reverse("start"),
            reverse("forloeb:mentorer"),
            reverse("forloeb:mentor_detalje", args=[mentor.pk]),
            reverse("forloeb:venteliste"),
        ]
    if brugernavn == "teamleder":
        forloeb = Forloeb.objects.filter(
            team__in=user.ledede_teams.all(), status=Status.AKTIV
        ).first()
        return [
            reverse("start"),
            reverse("compliance:dashboard"),
            reverse("compliance:stikproever"),
            reverse("forloeb:forloeb_liste"),
            reverse("forloeb:forloeb_detalje", args=[forloeb.pk]),
            reverse("privacy:adgangslog", args=[forloeb.borger_id]),
        ]
    raise AssertionError(brugernavn)


def _lenker(html: str) -> list[str]:
    out = []
    for href in HREF.findall(html):
        href = unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # external, mailto:, tel:, a #fragment or a relative ?query
        if parts.path.startswith(SPRING_OVER):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _slags(url: str) -> tuple:
    parts = urlsplit(url)
    try:
        navn = resolve(parts.path).view_name
    except Resolver404:
        navn = parts.path  # a 404 to report, every one of them
    noegler = tuple(sorted(k.split("=")[0] for k in parts.query.split("&") if k))
    return navn, noegler


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize("brugernavn", ["sagsbehandler", "mentor", "koordinator", "teamleder"])
def test_hver_lenke_paa_rollens_hovedskaerme_kan_aabnes(client, demo, brugernavn):
    user = User.objects.get(username=brugernavn)
    client.force_login(user)
    fejl, sete_slags, fulgt = [], defaultdict(int), set()
    for skaerm in _hovedskaerme(user):
        response = client.get(skaerm, follow=True)  # the start page sends each role on
        assert response.status_code == 200, f"{skaerm}: {response.status_code}"
        for url in _lenker(response.content.decode()):
            slags = _slags(url)
            if url in fulgt or sete_slags[slags] >= PR_SLAGS:
                continue
            fulgt.add(url)
            sete_slags[slags] += 1
            svar = client.get(url)
            if svar.status_code in (403, 404) or svar.status_code >= 500:
                fejl.append(f"{skaerm} → {url}: {svar.status_code}")
    assert fulgt, "no links followed"
    assert not fejl, "\n".join(fejl)
