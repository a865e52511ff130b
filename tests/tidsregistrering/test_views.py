import csv
import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.links import ret_url
from compliance.models import Advarsel
from core.models import Adgangslog, Handling
from organisation.models import Rolle
from tests.factories import TeamFactory, aktivt_forloeb, mentor_with_login, user_with_role
from tidsregistrering import services
from tidsregistrering.models import Kontakt, Ugeregistrering

from .conftest import kontakt, mandag, uge_af

pytestmark = pytest.mark.django_db

MIN_UGE = reverse("tidsregistrering:min_uge")


def login(client, user):
    client.force_login(user)


def kontakt_post(
    forloeb, monday, *, dato, minutter="45", timer="", version="", emner=("struktur",)
):
    data = {
        "forloeb": forloeb.pk,
        **uge_af(monday),
        "version": version,
        "handling": "kontakt",
        f"f{forloeb.pk}-dato": dato.isoformat(),
        f"f{forloeb.pk}-timer": timer,
        f"f{forloeb.pk}-minutter": minutter,
        f"f{forloeb.pk}-form": "telefon",
        f"f{forloeb.pk}-emner": list(emner),
    }
    return data


def test_min_uge_viser_tilstand_for_denne_og_sidste_uge(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    response = client.get(MIN_UGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert forloeb.borger.navn in html
    assert "Denne uge: Mangler" in html and "Sidste uge: Mangler" in html
    assert "Mine advarsler" in html

    today = timezone.localdate()
    response = client.post(MIN_UGE, kontakt_post(forloeb, mandag(0), dato=today), follow=True)
    assert "Kontakten er gemt." in response.content.decode()
    assert "Denne uge: Registreret" in response.content.decode()

    data = {
        "forloeb": forloeb.pk,
        **uge_af(mandag(1)),
        "version": "",
        "handling": "ingen",
        f"f{forloeb.pk}-aarsag": "udeblev",
        f"f{forloeb.pk}-note": "",
    }
    response = client.post(MIN_UGE + "?uge=forrige", data, follow=True)
    html = response.content.decode()
    assert "Sidste uge: Ingen kontakt" in html
    assert Ugeregistrering.objects.get(uge_start=mandag(1)).ingen_kontakt_aarsag == "udeblev"


def test_min_uge_viser_regelbrud_paa_feltet_uden_fejlside(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    m = mandag(1)
    data = kontakt_post(forloeb, m, dato=m - dt.timedelta(days=1))
    response = client.post(MIN_UGE + "?uge=forrige", data)
    assert response.status_code == 400
    assert "ligger ikke i uge" in response.content.decode()
    data = kontakt_post(forloeb, m, dato=m, minutter="0")
    response = client.post(MIN_UGE + "?uge=forrige", data)
    assert "Angiv, hvor længe kontakten varede" in response.content.decode()
    assert not Ugeregistrering.objects.exists()


def test_dobbelt_indsendt_kontakt_gemmes_een_gang(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    m = mandag(1)
    data = kontakt_post(forloeb, m, dato=m)
    first = client.post(MIN_UGE, data)
    second = client.post(MIN_UGE, data)
    assert first.status_code == second.status_code == 302
    assert Ugeregistrering.objects.count() == 1
    assert Kontakt.objects.count() == 1
    # A second, different contact from the freshly loaded page is added.
    reg = Ugeregistrering.objects.get()
    client.post(MIN_UGE, kontakt_post(forloeb, m, dato=m, minutter="30", version=str(reg.version)))
    assert Ugeregistrering.objects.get().minutter_i_alt == 75


def test_min_uge_er_kun_for_mentorer(client):
    login(client, user_with_role(Rolle.SAGSBEHANDLER))
    assert client.get(MIN_UGE).status_code == 403


def test_min_uge_koerer_et_fast_antal_forespoergsler_uanset_antal_borgere(
    client, django_assert_max_num_queries
):
    team = TeamFactory()
    mentor = mentor_with_login(team, kapacitet=50)
    login(client, mentor.bruger)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(MIN_UGE).status_code == 200
        return len(ctx)

    first = aktivt_forloeb(team=team, mentor=mentor, start=mandag(5))
    services.registrer_uge(
        user=mentor.bruger, forloeb=first, kontakter=[kontakt(mandag(1))], **uge_af(mandag(1))
    )
    one = count()
    for _ in range(7):
        f = aktivt_forloeb(team=team, mentor=mentor, start=mandag(5))
        services.registrer_uge(
            user=mentor.bruger,
            forloeb=f,
            kontakter=[kontakt(mandag(1)), kontakt(mandag(1), 30)],
            **uge_af(mandag(1)),
        )
    eight = count()
    assert one == eight
    with django_assert_max_num_queries(one):
        client.get(MIN_UGE)
    assert one <= 12


def test_levering_giver_partial_til_htmx_og_hel_side_ellers(client, forloeb, mentorbruger):
    services.registrer_uge(
        user=mentorbruger,
        forloeb=forloeb,
        kontakter=[kontakt(mandag(1), 90)],
        **uge_af(mandag(1)),
    )
    login(client, forloeb.sagsbehandler)
    url = reverse("tidsregistrering:levering", args=[forloeb.pk])
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    html = partial.content.decode()
    assert "<html" not in html and "Bevilget og leveret" in html
    assert "1,5" in html  # delivered hours last week
    assert "<svg" in html and 'style="' not in html
    # SVG geometry is not localised (a decimal comma would break the chart).
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'class="tid-leveret" x="\d+" y="[\d.]+" width="\d+" height="[\d.]+"', svg)
    assert not re.search(r'(x|y|width|height)="[^"]*,', svg)
    full = client.get(url)
    assert "<html" in full.content.decode()
    assert Adgangslog.objects.filter(forloeb=forloeb, handling=Handling.VIS_FORLOEB).count() == 1


def test_levering_skjult_for_andre_teams(client, forloeb):
    login(client, user_with_role(Rolle.SAGSBEHANDLER))
    url = reverse("tidsregistrering:levering", args=[forloeb.pk])
    assert client.get(url).status_code == 404


def test_sagsbehandler_godkender_via_panelet_og_mentor_kan_ikke(client, forloeb, mentorbruger):
    regs = [
        services.registrer_uge(
            user=mentorbruger, forloeb=forloeb, kontakter=[kontakt(mandag(n))], **uge_af(mandag(n))
        )
        for n in (2, 1)
    ]
    login(client, mentorbruger)
    response = client.post(reverse("tidsregistrering:godkend", args=[regs[0].pk]))
    assert response.status_code == 403
    login(client, forloeb.sagsbehandler)
    response = client.post(
        reverse("tidsregistrering:godkend", args=[regs[0].pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "er godkendt" in response.content.decode()
    client.post(
        reverse("tidsregistrering:godkend_alle", args=[forloeb.pk]),
        {"registrering": [r.pk for r in regs]},
    )
    assert Ugeregistrering.objects.godkendte().count() == 2
    response = client.post(
        reverse("tidsregistrering:genaabn", args=[regs[1].pk]), {"begrundelse": ""}
    )
    assert response.status_code == 400
    client.post(reverse("tidsregistrering:genaabn", args=[regs[1].pk]), {"begrundelse": "Fejl"})
    assert Ugeregistrering.objects.godkendte().count() == 1


def _rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))


def test_csv_eksport_er_afgraenset_og_logget(client, forloeb, mentorbruger):
    services.registrer_uge(
        user=mentorbruger, forloeb=forloeb, kontakter=[kontakt(mandag(1), 60)], **uge_af(mandag(1))
    )
    services.registrer_uge(
        user=mentorbruger, forloeb=forloeb, kontakter=[kontakt(mandag(3), 30)], **uge_af(mandag(3))
    )
    # Another team in the same municipality: not this caseworker's.
    andet = aktivt_forloeb(team=TeamFactory(organisation=forloeb.organisation), start=mandag(5))
    services.registrer_uge(
        user=andet.mentor.bruger,
        forloeb=andet,
        kontakter=[kontakt(mandag(1), 120)],
        **uge_af(mandag(1)),
    )
    login(client, forloeb.sagsbehandler)
    url = reverse("tidsregistrering:eksport")
    response = client.get(url, {"hent": "csv"})
    rows = _rows(response)
    assert rows[0][0] == "forloeb_id"
    assert {r[0] for r in rows[1:]} == {str(forloeb.pk)}
    assert len(rows) == 3
    # Period filter: only weeks overlapping [fra, til].
    response = client.get(
        url, {"hent": "csv", "fra": mandag(1).isoformat(), "til": timezone.localdate().isoformat()}
    )
    rows = _rows(response)
    assert len(rows) == 2 and rows[1][6] == mandag(1).isoformat()
    logs = Adgangslog.objects.filter(bruger=forloeb.sagsbehandler, handling=Handling.EKSPORT)
    assert logs.count() == 2
    # Asking for the other team's rows gives none of them.
    response = client.get(url, {"hent": "csv", "team": andet.team.pk})
    assert len(_rows(response)) == 1
    # The team leader of both teams sees both.
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team)
    andet.team.ledere.add(leder)
    login(client, leder)
    rows = _rows(client.get(url, {"hent": "csv"}))
    assert {r[0] for r in rows[1:]} == {str(forloeb.pk), str(andet.pk)}


def test_eksport_afvist_for_bruger_uden_rolle(client):
    from tests.factories import UserFactory

    login(client, UserFactory())
    assert client.get(reverse("tidsregistrering:eksport")).status_code == 403


def test_min_uge_viser_indtastning_kun_for_den_valgte_borger(client):
    team = TeamFactory()
    mentor = mentor_with_login(team, kapacitet=50)
    a = aktivt_forloeb(team=team, mentor=mentor, start=mandag(5))
    b = aktivt_forloeb(team=team, mentor=mentor, start=mandag(5))
    login(client, mentor.bruger)

    # The list: every citizen's state and a "Registrér" link, no entry forms.
    html = client.get(MIN_UGE).content.decode()
    assert a.borger.navn in html and b.borger.navn in html
    assert 'value="kontakt"' not in html and 'value="ingen"' not in html
    assert f'href="{MIN_UGE}?vis={a.pk}#forloeb-{a.pk}"' in html
    assert f'href="{MIN_UGE}?vis={b.pk}#forloeb-{b.pk}"' in html

    # Chosen: the forms for that citizen only; the week chosen is kept in the link.
    html = client.get(MIN_UGE, {"vis": a.pk}).content.decode()
    assert html.count('name="handling" value="kontakt"') == 1
    assert f'name="forloeb" value="{a.pk}"' in html
    assert f'name="forloeb" value="{b.pk}"' not in html
    html = client.get(MIN_UGE, {"uge": "forrige"}).content.decode()
    assert f'href="{MIN_UGE}?uge=forrige&amp;vis={b.pk}#forloeb-{b.pk}"' in html

    # After saving, the same citizen stays open for the next contact.
    response = client.post(MIN_UGE, kontakt_post(a, mandag(0), dato=timezone.localdate()))
    assert response.status_code == 302
    assert response.url == f"{MIN_UGE}?vis={a.pk}#forloeb-{a.pk}"

    # A refused entry re-opens that citizen's form with the error, whatever ?vis says.
    m = mandag(1)
    data = kontakt_post(b, m, dato=m - dt.timedelta(days=1))
    response = client.post(f"{MIN_UGE}?uge=forrige&vis={a.pk}", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ligger ikke i uge" in html
    assert f'name="forloeb" value="{b.pk}"' in html


def test_min_uge_foreslaar_ikke_en_dato_efter_periodens_slutning(client):
    team = TeamFactory()
    mentor = mentor_with_login(team, kapacitet=50)
    # The period ends on this week's Monday (start on a Tuesday, four weeks).
    f = aktivt_forloeb(
        team=team, mentor=mentor, start=mandag(0) - dt.timedelta(weeks=4, days=-1), uger=4
    )
    slut = mandag(0)
    login(client, mentor.bruger)
    html = client.get(MIN_UGE).content.decode()
    felt = re.search(rf'<input type="date" name="f{f.pk}-dato"[^>]*>', html).group(0)
    assert f'value="{slut.isoformat()}"' in felt
    assert f'max="{slut.isoformat()}"' in felt
    # Saving the date offered is accepted.
    response = client.post(MIN_UGE, kontakt_post(f, mandag(0), dato=slut))
    assert response.status_code == 302


def test_varighed_indtastes_som_timer_og_minutter_og_gemmes_som_minutter(
    client, forloeb, mentorbruger
):
    login(client, mentorbruger)
    m = mandag(1)
    response = client.post(MIN_UGE, kontakt_post(forloeb, m, dato=m, timer="1", minutter="30"))
    assert response.status_code == 302
    assert Kontakt.objects.get().minutter == 90
    html = client.get(MIN_UGE + f"?uge=forrige&vis={forloeb.pk}").content.decode()
    assert "1 t 30 min" in html
    assert f'name="f{forloeb.pk}-timer"' in html and "Varighed" in html


@pytest.mark.parametrize(
    ("timer", "minutter", "besked"),
    [
        ("", "", "Angiv, hvor længe kontakten varede"),
        ("0", "75", "Minutter skal være mellem 0 og 59"),
        ("25", "0", "En kontakt kan højst vare 24 timer."),
        ("en", "", "Skriv timer som et helt tal"),
    ],
)
def test_forkert_varighed_giver_en_dansk_besked_paa_feltet_og_ingen_minutgraense(
    client, forloeb, mentorbruger, timer, minutter, besked
):
    login(client, mentorbruger)
    m = mandag(1)
    data = kontakt_post(forloeb, m, dato=m, timer=timer, minutter=minutter)
    response = client.post(MIN_UGE + "?uge=forrige", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert besked in html
    assert "2220" not in html
    # The error summary links to the field it is about.
    felt = "minutter" if "Minutter" in besked else "timer"
    assert f'href="#id_f{forloeb.pk}-{felt}"' in html
    assert not Kontakt.objects.exists()


def test_en_fremtidig_uge_siger_det_og_viser_denne_uge(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    naeste = uge_af(mandag(-1))
    response = client.get(MIN_UGE, {"aar": naeste["aar"], "uge": naeste["uge"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Uge {naeste['uge']}, {naeste['aar']} er ikke begyndt endnu" in html
    assert 'data-testid="uge-besked"' in html
    assert 'aria-current="page"' in html.split("Denne uge (")[0][-300:]


def test_en_uge_der_ikke_findes_siger_det(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    html = client.get(MIN_UGE, {"aar": "2026", "uge": "60"}).content.decode()
    assert "Den uge, du bad om, findes ikke" in html


def test_en_uge_uden_for_forloebet_siger_det(client, forloeb, mentorbruger):
    login(client, mentorbruger)
    foer = uge_af(mandag(20))  # the course started eight weeks ago
    html = client.get(MIN_UGE, {"aar": foer["aar"], "uge": foer["uge"]}).content.decode()
    assert f"Uge {foer['uge']}, {foer['aar']} ligger uden for dine forløb" in html
    inden = uge_af(mandag(3))
    html = client.get(MIN_UGE, {"aar": inden["aar"], "uge": inden["uge"]}).content.decode()
    assert 'data-testid="uge-besked"' not in html


def test_mentorens_advarsel_om_manglende_registrering_aabner_borgerens_formular(
    client, forloeb, mentorbruger
):
    advarsel = Advarsel(forloeb=forloeb, regel="REGISTRERING_MANGLER")
    url = ret_url(advarsel, mentorbruger)
    login(client, mentorbruger)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="tilfoej-{forloeb.pk}"' in html
