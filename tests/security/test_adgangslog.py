"""The access log: every look is one row; team leaders and administrators read it for one
citizen; nobody can change it; it is kept at least six months."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.adgang import log_adgang
from core.models import Adgangslog, Handling
from forloeb import services
from privacy import opbevaring
from tests.factories import UserFactory

from .conftest import HEMMELIG_NOTE

pytestmark = pytest.mark.django_db


def test_visning_af_borger_skriver_praecis_en_adgangslograekke(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    response = client.get(
        reverse("forloeb:borger_detalje", args=[scenarie.borger_b.pk]), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200
    row = Adgangslog.objects.get()
    assert (row.bruger, row.handling, row.borger) == (
        scenarie.sagsbehandler,
        Handling.VIS_BORGER,
        scenarie.borger_b,
    )
    assert row.ip == "10.1.2.3"
    assert abs(row.tidspunkt - timezone.now()) < timedelta(minutes=1)


def test_afsloering_af_cpr_skriver_endnu_en_raekke(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    client.get(reverse("forloeb:borger_detalje", args=[scenarie.borger_b.pk]))
    response = client.post(reverse("forloeb:borger_cpr", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    assert scenarie.borger_b.cpr_fuldt() in response.content.decode()
    assert list(Adgangslog.objects.order_by("pk").values_list("handling", flat=True)) == [
        Handling.VIS_BORGER,
        Handling.VIS_CPR,
    ]


def test_cpr_afsloering_via_service_logges(scenarie):
    nummer = services.afsloer_cpr(user=scenarie.teamleder, borger=scenarie.borger_b)
    assert len(nummer) == 11
    assert (
        Adgangslog.objects.filter(
            bruger=scenarie.teamleder, handling=Handling.VIS_CPR, borger=scenarie.borger_b
        ).count()
        == 1
    )


def test_teamleder_ser_hvem_der_kiggede_og_hvornaar(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    client.get(reverse("forloeb:borger_detalje", args=[scenarie.borger_b.pk]))
    client.post(reverse("forloeb:borger_cpr", args=[scenarie.borger_b.pk]))
    client.force_login(scenarie.teamleder)
    response = client.get(reverse("privacy:adgangslog", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(scenarie.sagsbehandler) in html
    navn = scenarie.sagsbehandler.get_full_name() or scenarie.sagsbehandler.username
    assert f"{navn} så det fulde CPR-nummer." in html
    assert f"{navn} så borgerens oplysninger." in html
    assert scenarie.borger_b.cpr_fuldt() not in html
    only_cpr = client.get(
        reverse("privacy:adgangslog", args=[scenarie.borger_b.pk]), {"handling": "vis_cpr"}
    )
    assert only_cpr.context["side"].paginator.count == 1


def test_administrator_ser_loggen_men_intet_sagsindhold(scenarie, client):
    log_adgang(
        user=scenarie.sagsbehandler, handling=Handling.VIS_FORLOEB, forloeb=scenarie.forloeb_b
    )
    client.force_login(scenarie.administrator)
    response = client.get(reverse("privacy:adgangslog", args=[scenarie.borger_b.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(scenarie.sagsbehandler) in html
    assert HEMMELIG_NOTE not in html
    assert scenarie.forloeb_b.maal not in html
    for url in (
        reverse("forloeb:forloeb_detalje", args=[scenarie.forloeb_b.pk]),
        reverse("privacy:historik", args=[scenarie.forloeb_b.pk]),
    ):
        assert client.get(url).status_code in (403, 404)


@pytest.mark.parametrize(
    "rolle",
    [
        "mentor_a",
        "mentor_b",
        "sagsbehandler",
        "fremmed_teamleder",
        "koordinator",
        "anden_kommune",
    ],
)
def test_andre_ser_ikke_adgangsloggen(scenarie, client, rolle):
    client.force_login(getattr(scenarie, rolle))
    response = client.get(reverse("privacy:adgangslog", args=[scenarie.borger_b.pk]))
    assert response.status_code == 404


def test_adgangsloggen_kan_ikke_aendres_gennem_applikationen(scenarie, client):
    row = log_adgang(
        user=scenarie.sagsbehandler, handling=Handling.VIS_BORGER, borger=scenarie.borger_b
    )
    superuser = UserFactory(is_staff=True, is_superuser=True, organisation=None)
    client.force_login(superuser)
    assert client.get(reverse("admin:core_adgangslog_changelist")).status_code == 200
    assert client.get(reverse("admin:core_adgangslog_add")).status_code == 403
    assert client.post(reverse("admin:core_adgangslog_delete", args=[row.pk])).status_code == 403
    client.post(
        reverse("admin:core_adgangslog_change", args=[row.pk]),
        {"handling": "vis_cpr", "beskrivelse": "ændret"},
    )
    row.refresh_from_db()
    assert (row.handling, row.beskrivelse) == (Handling.VIS_BORGER, "")
    request = RequestFactory().get("/")
    request.user = superuser
    admin = site._registry[Adgangslog]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, row)
    assert not admin.has_delete_permission(request, row)
    assert not admin.get_actions(request)

    client.force_login(scenarie.teamleder)
    url = reverse("privacy:adgangslog", args=[scenarie.borger_b.pk])
    assert client.post(url, {"handling": "x"}).status_code == 405
    assert Adgangslog.objects.filter(pk=row.pk, handling=Handling.VIS_BORGER).exists()


def test_adgangslog_slettes_foerst_efter_adgangslog_dage(scenarie, settings):
    def row(days_old):
        entry = log_adgang(
            user=scenarie.sagsbehandler, handling=Handling.VIS_BORGER, borger=scenarie.borger_b
        )
        Adgangslog.objects.filter(pk=entry.pk).update(
            tidspunkt=timezone.now() - timedelta(days=days_old)
        )
        return entry.pk

    recent, kept, _gammel = row(10), row(399), row(401)
    assert opbevaring.slet_gammel_adgangslog() == 1
    assert set(Adgangslog.objects.values_list("pk", flat=True)) == {recent, kept}

    # A setting below six months is raised to six months: the log is never kept shorter.
    settings.ADGANGSLOG_DAGE = 30
    half_year = row(182)
    opbevaring.slet_gammel_adgangslog()
    assert set(Adgangslog.objects.values_list("pk", flat=True)) == {recent, half_year}


def test_adgangslog_siden_har_fast_antal_forespoergsler(
    scenarie, client, django_assert_max_num_queries
):
    client.force_login(scenarie.teamleder)
    url = reverse("privacy:adgangslog", args=[scenarie.borger_b.pk])
    log_adgang(user=scenarie.sagsbehandler, handling=Handling.VIS_BORGER, borger=scenarie.borger_b)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(40):
        log_adgang(
            user=scenarie.sagsbehandler, handling=Handling.VIS_BORGER, borger=scenarie.borger_b
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["side"].paginator.count == 42  # 1 before, the first look, 40 more


def test_admin_viser_sager_skrivebeskyttet_og_logger_borgervisning(scenarie, client):
    superuser = UserFactory(is_staff=True, is_superuser=True, organisation=None)
    client.force_login(superuser)
    borger = scenarie.borger_b
    response = client.get(reverse("admin:forloeb_borger_change", args=[borger.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert borger.cpr_maskeret in html
    assert borger.cpr_fuldt() not in html and borger.cpr_krypteret not in html
    row = Adgangslog.objects.get()
    assert (row.bruger, row.handling, row.borger, row.beskrivelse) == (
        superuser,
        Handling.VIS_BORGER,
        borger,
        "admin",
    )
    assert client.get(reverse("admin:forloeb_bevilling_add")).status_code == 403
    bevilling = scenarie.forloeb_b.bevillinger.get()
    history = client.get(reverse("admin:forloeb_bevilling_history", args=[bevilling.pk]))
    assert history.status_code == 200


def test_administrator_uden_sagsrolle_ser_ikke_sager_i_admin(scenarie, client):
    client.force_login(scenarie.administrator)
    for name in ("forloeb_borger", "forloeb_forloeb", "forloeb_moede", "forloeb_statusrapport"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert client.get(
        reverse("admin:forloeb_borger_change", args=[scenarie.borger_b.pk])
    ).status_code in (302, 403)
    assert not Adgangslog.objects.exists()


def test_administrator_ser_kun_egen_organisations_brugere_i_admin(scenarie, client):
    from django.contrib.auth.models import Permission

    admin_user = scenarie.administrator
    admin_user.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(admin_user)
    response = client.get(reverse("admin:organisation_user_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f">{scenarie.sagsbehandler.username}<" in html
    assert f">{scenarie.anden_kommune.username}<" not in html
    other = reverse("admin:organisation_user_change", args=[scenarie.anden_kommune.pk])
    assert client.get(other).status_code in (302, 404)


@pytest.mark.parametrize(
    ("url_name", "hvem", "hvad", "handling"),
    [
        ("forloeb:borger_detalje", "sagsbehandler", "borger", Handling.VIS_BORGER),
        ("forloeb:forloeb_detalje", "sagsbehandler", "forloeb", Handling.VIS_FORLOEB),
        ("forloeb:forloeb_detalje", "teamleder", "forloeb", Handling.VIS_FORLOEB),
        ("forloeb:mentor_forloeb", "mentor_b", "forloeb", Handling.VIS_FORLOEB),
    ],
)
def test_hver_side_med_personoplysninger_logger_en_raekke(
    scenarie, client, url_name, hvem, hvad, handling
):
    user = getattr(scenarie, hvem)
    client.force_login(user)
    obj = scenarie.borger_b if hvad == "borger" else scenarie.forloeb_b
    assert client.get(reverse(url_name, args=[obj.pk])).status_code == 200
    row = Adgangslog.objects.get()
    assert (row.bruger, row.handling, row.borger) == (user, handling, scenarie.borger_b)


def _navn(user):
    return user.get_full_name() or user.username


def test_adgangsloggen_laeses_som_saetninger_ogsaa_for_api_opslag(scenarie, client):
    sb = scenarie.sagsbehandler
    forloeb = scenarie.forloeb_b
    log_adgang(user=sb, handling=Handling.VIS_FORLOEB, forloeb=forloeb)
    log_adgang(
        user=sb,
        handling=Handling.API_LAES,
        forloeb=forloeb,
        beskrivelse=f"API /api/v1/forloeb/{forloeb.pk}/bevillinger/",
    )
    log_adgang(user=sb, handling=Handling.VIS_FORLOEB, forloeb=forloeb, beskrivelse="historik")
    client.force_login(scenarie.teamleder)
    html = client.get(reverse("privacy:adgangslog", args=[scenarie.borger_b.pk])).content.decode()
    assert f"{_navn(sb)} så forløbet (nr. {forloeb.pk})." in html
    assert f"{_navn(sb)} læste forløbet, bevillingerne gennem et andet system (API)." in html
    assert f"{_navn(sb)} så forløbet (nr. {forloeb.pk}) i forløbets historik." in html
    assert "/api/v1/" not in html


def test_adgangsloggen_filtreres_paa_dato_person_og_handling(scenarie, client):
    sb, leder = scenarie.sagsbehandler, scenarie.teamleder
    borger = scenarie.borger_b
    gammel = log_adgang(user=sb, handling=Handling.VIS_BORGER, borger=borger)
    Adgangslog.objects.filter(pk=gammel.pk).update(tidspunkt=timezone.now() - timedelta(days=30))
    log_adgang(user=sb, handling=Handling.VIS_CPR, borger=borger)
    log_adgang(user=scenarie.administrator, handling=Handling.VIS_BORGER, borger=borger)
    client.force_login(leder)
    url = reverse("privacy:adgangslog", args=[borger.pk])
    idag = timezone.localdate().isoformat()

    def antal(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return response.context["side"].paginator.count

    # Today's rows, this look at the log included once it is written (after the read).
    assert antal(fra=idag, til=idag, bruger=sb.pk) == 1
    assert antal(bruger=sb.pk) == 2
    assert antal(bruger=sb.pk, handling="vis_borger") == 1
    assert antal(bruger=scenarie.administrator.pk) == 1
    response = client.get(url, {"fra": idag, "til": "2000-01-01"})
    assert response.status_code == 400
    assert "Til-datoen ligger før fra-datoen." in response.content.decode()


def test_adgangsloggen_kan_hentes_som_csv_og_udskrives(scenarie, client):
    sb = scenarie.sagsbehandler
    borger = scenarie.borger_b
    log_adgang(user=sb, handling=Handling.VIS_CPR, borger=borger)
    client.force_login(scenarie.teamleder)
    url = reverse("privacy:adgangslog", args=[borger.pk])
    response = client.get(url, {"handling": "vis_cpr", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    linjer = body.strip().splitlines()
    assert linjer[0].startswith("Tidspunkt;Hvad skete der;Person")
    assert len(linjer) == 2 and f"{_navn(sb)} så det fulde CPR-nummer." in linjer[1]
    assert borger.cpr_fuldt() not in body
    html = client.get(url, {"format": "udskrift"}).content.decode()
    assert "data-print" in html and "Filtrér adgangsloggen" not in html
    assert f"{_navn(sb)} så det fulde CPR-nummer." in html
