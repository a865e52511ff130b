"""Screenshots of each role's main screens at 1280 px and 375 px, for a person to look at
(not compared): saved under var/skaermbilleder/ (or MENTORSAG_SKAERMBILLEDER)."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from forloeb.models import Forloeb, Status

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "mentorsag-demo"
MAPPE = Path(os.environ.get("MENTORSAG_SKAERMBILLEDER", "var/skaermbilleder"))


def _skaerme():
    sb_forloeb = Forloeb.objects.filter(
        sagsbehandler__username="sagsbehandler", status=Status.AKTIV
    ).first()
    m_forloeb = Forloeb.objects.filter(
        mentor__bruger__username="mentor", status=Status.AKTIV
    ).first()
    return {
        "sagsbehandler": [
            ("arbejdsliste", reverse("forloeb:arbejdsliste")),
            ("forloebsliste", reverse("forloeb:forloeb_liste")),
            ("forloeb", reverse("forloeb:forloeb_detalje", args=[sb_forloeb.pk])),
            ("borger", reverse("forloeb:borger_detalje", args=[sb_forloeb.borger_id])),
        ],
        "mentor": [
            ("min-uge", reverse("tidsregistrering:min_uge")),
            ("mine-borgere", reverse("forloeb:mine_borgere")),
            ("mentorforloeb", reverse("forloeb:mentor_forloeb", args=[m_forloeb.pk])),
        ],
        "koordinator": [
            ("venteliste", reverse("forloeb:venteliste")),
            ("mentorer", reverse("forloeb:mentorer")),
        ],
        "teamleder": [
            ("overblik", reverse("compliance:dashboard")),
            ("stikproever", reverse("compliance:stikproever")),
            ("adgangslog", reverse("privacy:adgangslog", args=[sb_forloeb.borger_id])),
        ],
    }


def test_skaermbilleder_af_hver_rolles_hovedskaerme(page, phone_page, settings):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo", verbosity=0)
    MAPPE.mkdir(parents=True, exist_ok=True)
    for bredde, pg in (("1280", page), ("375", phone_page)):
        if bredde == "1280":
            pg.set_viewport_size({"width": 1280, "height": 900})
        for rolle, skaerme in _skaerme().items():
            pg.context.clear_cookies()
            pg.goto("/log-ind/")
            pg.get_by_label("Brugernavn").fill(rolle)
            pg.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
            pg.get_by_role("button", name="Log ind").click()
            pg.wait_for_load_state("networkidle")
            for navn, url in skaerme:
                response = pg.goto(url)
                assert response.status < 400, f"{rolle} {navn}: {response.status}"
                pg.wait_for_load_state("networkidle")
                pg.screenshot(path=str(MAPPE / f"{rolle}-{navn}-{bredde}.png"), full_page=True)
