"""The mentor's screens: only own citizens, both voices on progress, status reports."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Adgangslog, Handling
from forloeb import services
from forloeb.models import Emne, Statusrapport
from tests.browser import login
from tests.factories import PASSWORD, TeamFactory, aktivt_forloeb, mentor_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def mentor_a(team):
    return mentor_with_login(team)


@pytest.fixture
def mentor_b(team):
    return mentor_with_login(team)


@pytest.fixture
def forloeb_a(team, mentor_a):
    return aktivt_forloeb(team=team, mentor=mentor_a)


@pytest.fixture
def forloeb_b(team, mentor_b):
    return aktivt_forloeb(team=team, mentor=mentor_b)


def _mentor_urls(forloeb, arbejdspunkt):
    return [
        ("get", reverse("forloeb:mentor_forloeb", args=[forloeb.pk]), {}),
        ("post", reverse("forloeb:mentor_arbejdspunkt_opret", args=[forloeb.pk]), {"titel": "x"}),
        (
            "post",
            reverse("forloeb:mentor_vurdering", args=[forloeb.pk, arbejdspunkt.pk]),
            {f"ap{arbejdspunkt.pk}-vurderet_af": "mentor", f"ap{arbejdspunkt.pk}-score": "3"},
        ),
        ("post", reverse("forloeb:mentor_statusrapport", args=[forloeb.pk]), {"tekst": "x"}),
    ]


def test_mentor_kan_ikke_aabne_anden_mentors_borger_ved_at_gaette_id(
    client, mentor_a, forloeb_a, forloeb_b
):
    ap_b = services.opret_arbejdspunkt(
        user=forloeb_b.sagsbehandler, forloeb=forloeb_b, titel="B's punkt"
    )
    client.force_login(mentor_a.bruger)
    for method, url, data in _mentor_urls(forloeb_b, ap_b):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
    # B's work point through A's own course id is not reachable either.
    url = reverse("forloeb:mentor_vurdering", args=[forloeb_a.pk, ap_b.pk])
    assert client.post(url, {f"ap{ap_b.pk}-score": "3"}).status_code == 404
    assert not Statusrapport.objects.exists()
    assert not ap_b.vurderinger.exists()


def test_mentor_ser_kun_egne_borgere(client, mentor_a, forloeb_a, forloeb_b):
    client.force_login(mentor_a.bruger)
    response = client.get(reverse("forloeb:mine_borgere"))
    assert response.status_code == 200
    html = response.content.decode()
    assert forloeb_a.borger.navn in html
    assert forloeb_b.borger.navn not in html
    assert forloeb_a.borger.cpr_maskeret in html


def test_andre_roller_end_mentor_afvises(client, forloeb_a):
    client.force_login(forloeb_a.sagsbehandler)
    assert client.get(reverse("forloeb:mine_borgere")).status_code == 403
    assert client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk])).status_code == 403


def test_forloebsside_viser_maal_opgaver_og_maskeret_cpr_og_logger_visningen(
    client, mentor_a, forloeb_a
):
    client.force_login(mentor_a.bruger)
    response = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert forloeb_a.maal in html
    assert forloeb_a.opgaver in html
    assert forloeb_a.borger.cpr_maskeret in html
    assert forloeb_a.borger.cpr_fuldt() not in html
    assert (
        Adgangslog.objects.filter(
            bruger=mentor_a.bruger, forloeb=forloeb_a, handling=Handling.VIS_FORLOEB
        ).count()
        == 1
    )


def test_mentor_ser_de_gaeldende_timer_pr_uge_paa_begge_sider(client, team, mentor_a):
    forloeb = aktivt_forloeb(team=team, mentor=mentor_a, timer="2.5")
    client.force_login(mentor_a.bruger)
    side = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb.pk])).content.decode()
    assert "2,5 timer pr. uge" in side
    liste = client.get(reverse("forloeb:mine_borgere")).content.decode()
    assert "2,5 t/uge" in liste


def test_mentor_ser_foelsomme_problemomraader(client, mentor_a, forloeb_a):
    forloeb_a.borger.problemomraader = [Emne.MISBRUG, Emne.OEKONOMI]
    forloeb_a.borger.save()
    client.force_login(mentor_a.bruger)
    html = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk])).content.decode()
    assert "Misbrug" in html and "Økonomi" in html


def test_arbejdspunkt_tilfoejes_og_tom_titel_giver_fejl_paa_feltet(client, mentor_a, forloeb_a):
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_arbejdspunkt_opret", args=[forloeb_a.pk])
    response = client.post(url, {"titel": "Møder til tiden i praktikken"})
    assert response.status_code == 302
    assert forloeb_a.arbejdspunkter.get().titel == "Møder til tiden i praktikken"
    response = client.post(url, {"titel": "  "})
    assert response.status_code == 200
    assert "Dette felt er påkrævet" in response.content.decode()
    assert forloeb_a.arbejdspunkter.count() == 1


def test_vurdering_fra_mentor_og_borger_vises_side_om_side(client, mentor_a, forloeb_a):
    ap = services.opret_arbejdspunkt(user=mentor_a.bruger, forloeb=forloeb_a, titel="Struktur")
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_vurdering", args=[forloeb_a.pk, ap.pk])
    p = f"ap{ap.pk}-"
    assert client.post(url, {p + "vurderet_af": "mentor", p + "score": "4"}).status_code == 302
    assert client.post(url, {p + "vurderet_af": "borger", p + "score": "2"}).status_code == 302
    html = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk])).content.decode()
    today = f"{timezone.localdate():%d.%m.%Y}"
    row = re.search(
        rf"<td>{re.escape(today)}</td>\s*<td class=\"num\"[^>]*>(\d)</td>\s*"
        rf"<td class=\"num\"[^>]*>(\d)</td>",
        html,
    )
    assert row, "ingen række med begge vurderinger"
    assert row.groups() == ("4", "2")  # mentor, then citizen


def test_vurderingens_kommentar_staar_i_tabellen_og_ingen_score_er_forvalgt(
    client, mentor_a, forloeb_a
):
    ap = services.opret_arbejdspunkt(user=mentor_a.bruger, forloeb=forloeb_a, titel="Struktur")
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_vurdering", args=[forloeb_a.pk, ap.pk])
    p = f"ap{ap.pk}-"
    data = {p + "vurderet_af": "mentor", p + "score": "3", p + "kommentar": "Møder til tiden"}
    assert client.post(url, data).status_code == 302
    html = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk])).content.decode()
    # Readable as text in the table cell, not hidden in a title attribute.
    assert re.search(r"<td><span[^>]*>Mentor:</span> Møder til tiden</td>", html)
    assert 'title="Møder til tiden"' not in html
    select = re.search(rf'<select name="{p}score".*?</select>', html, re.S).group(0)
    assert re.search(r'<option value="" selected>Vælg vurdering</option>', select)
    assert select.count("selected") == 1


def test_vurdering_uden_for_skalaen_afvises_paa_feltet(client, mentor_a, forloeb_a):
    ap = services.opret_arbejdspunkt(user=mentor_a.bruger, forloeb=forloeb_a, titel="Struktur")
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_vurdering", args=[forloeb_a.pk, ap.pk])
    p = f"ap{ap.pk}-"
    response = client.post(url, {p + "vurderet_af": "mentor", p + "score": "6"})
    assert response.status_code == 200
    assert "Vurderingen skal være fra 1 til 5." in response.content.decode()
    assert not ap.vurderinger.exists()


def test_statusrapport_gemmes_og_vises(client, mentor_a, forloeb_a):
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_statusrapport", args=[forloeb_a.pk])
    response = client.post(url, {"tekst": "Borgeren møder nu stabilt op."})
    assert response.status_code == 302
    rapport = Statusrapport.objects.get(forloeb=forloeb_a)
    assert rapport.mentor == mentor_a
    html = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk])).content.decode()
    assert "Borgeren møder nu stabilt op." in html


def test_tom_statusrapport_afvises_med_dansk_fejl(client, mentor_a, forloeb_a):
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mentor_statusrapport", args=[forloeb_a.pk])
    response = client.post(url, {"tekst": ""})
    assert response.status_code == 200
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not Statusrapport.objects.exists()


def test_tidligere_borger_kan_kun_laeses(client, team, mentor_a, mentor_b, forloeb_a):
    services.tildel_mentor(
        user=forloeb_a.sagsbehandler,
        forloeb=forloeb_a,
        mentor=mentor_b,
        fra=timezone.localdate(),
        begrundelse="Mentor A har orlov",
        kvalifikationer="Erfaren med målgruppen.",
    )
    client.force_login(mentor_a.bruger)
    liste = client.get(reverse("forloeb:mine_borgere")).content.decode()
    assert "Tidligere borgere" in liste and forloeb_a.borger.navn in liste
    page = client.get(reverse("forloeb:mentor_forloeb", args=[forloeb_a.pk]))
    assert page.status_code == 200
    assert "Gem statusrapport" not in page.content.decode()
    url = reverse("forloeb:mentor_statusrapport", args=[forloeb_a.pk])
    assert client.post(url, {"tekst": "for sent"}).status_code == 403
    assert not Statusrapport.objects.exists()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_mine_borgere_koerer_fast_antal_queries(
    client, team, mentor_a, forloeb_a, django_assert_max_num_queries
):
    client.force_login(mentor_a.bruger)
    url = reverse("forloeb:mine_borgere")
    few = _count_queries(client, url)
    for _ in range(5):
        f = aktivt_forloeb(team=team, mentor=mentor_a)
        services.opret_arbejdspunkt(user=mentor_a.bruger, forloeb=f, titel="x")
        services.skriv_statusrapport(user=mentor_a.bruger, forloeb=f, tekst="ok")
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("mine-borgere/") >= 6


# --- On a phone (375 px), in Debian's chromium ------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_mentor_vurderer_progression_paa_telefon_uden_vandret_scroll(phone_page):
    team = TeamFactory()
    mentor = mentor_with_login(team)
    forloeb = aktivt_forloeb(team=team, mentor=mentor)
    services.opret_arbejdspunkt(user=mentor.bruger, forloeb=forloeb, titel="Møder til tiden")
    login(phone_page, mentor.bruger.username, PASSWORD)
    phone_page.goto(reverse("forloeb:mine_borgere"))
    phone_page.get_by_role("link", name=forloeb.borger.navn).click()
    assert phone_page.get_by_role("heading", name=forloeb.borger.navn).is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.get_by_role("tab", name="Arbejdspunkter").click()
    phone_page.get_by_text("Vurdér progression").click()
    phone_page.get_by_label("Mentor", exact=True).check()
    phone_page.get_by_label("Vurdering (1 = langt fra, 5 = nået)").select_option("3")
    phone_page.get_by_role("button", name="Gem vurdering").click()
    assert phone_page.get_by_text("Vurderingen er gemt.").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.get_by_role("tab", name="Statusrapporter").click()
    phone_page.get_by_role("textbox", name="Statusrapport").fill("God uge, mødte op alle dage.")
    phone_page.get_by_role("button", name="Gem statusrapport").click()
    assert phone_page.get_by_text("Statusrapporten er gemt.").is_visible()


def test_mentor_markerer_arbejdspunkt_som_opnaaet_og_det_staar_i_historikken(client):
    forloeb = aktivt_forloeb()
    mentor_user = forloeb.mentor.bruger
    punkt = services.opret_arbejdspunkt(user=mentor_user, forloeb=forloeb, titel="Møde til tiden")
    client.force_login(mentor_user)
    url = reverse("forloeb:mentor_arbejdspunkt_status", args=[forloeb.pk, punkt.pk])
    html = client.post(url, {"status": "opnaaet"}, follow=True).content.decode()
    assert "Arbejdspunktet er nu: Opnået." in html
    punkt.refresh_from_db()
    assert punkt.status == "opnaaet"
    assert punkt.history.first().status == "opnaaet"
    assert client.post(url, {"status": "vildt"}, follow=True).status_code == 200
    punkt.refresh_from_db()
    assert punkt.status == "opnaaet"
