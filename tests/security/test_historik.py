"""The course timeline: every change with who, when, and each field before → after."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import Adgangslog, Handling
from forloeb import services
from forloeb.forms import RedigerForloebForm
from forloeb.models import Bevilling
from tests.factories import aktivt_forloeb

from .conftest import HEMMELIG_MAAL

pytestmark = pytest.mark.django_db


def test_aendring_af_bevilling_skriver_historik_med_foer_og_efter(scenarie, client):
    bevilling = scenarie.forloeb_b.bevillinger.get()
    services.aendr_timer(
        user=scenarie.sagsbehandler,
        bevilling=bevilling,
        gaelder_fra=bevilling.start + timedelta(days=14),
        timer_pr_uge=Decimal("3.5"),
        begrundelse="Borgeren har brug for mere støtte",
    )
    # A direct edit of the grant (as an admin correction would be) keeps before and after.
    bevilling.timer_pr_uge = Decimal("4")
    bevilling.save()
    historik = Bevilling.history.filter(id=bevilling.pk).order_by("history_date")
    assert [h.timer_pr_uge for h in historik] == [Decimal("2"), Decimal("4")]
    diff = historik.last().diff_against(historik.first())
    assert [(c.field, c.old, c.new) for c in diff.changes] == [
        ("timer_pr_uge", Decimal("2.00"), Decimal("4"))
    ]

    client.force_login(scenarie.teamleder)
    html = client.get(reverse("privacy:historik", args=[scenarie.forloeb_b.pk])).content.decode()
    assert "Bevilling" in html and "Timer pr. uge" in html
    assert "<td>2,00</td><td>4,00</td>" in html
    assert "Timeændring" in html and "3,50" in html
    assert "Borgeren har brug for mere støtte" in html


def test_historik_viser_hvem_og_foer_efter_for_forloebets_felter(scenarie, client):
    sb = scenarie.sagsbehandler
    forloeb = scenarie.forloeb_b
    client.force_login(sb)
    data = {
        k: v
        for k, v in RedigerForloebForm.for_forloeb(forloeb).initial.items()
        if v not in (None, "")
    }
    data["maal"] = "Nyt mål: fleksjob i foråret"
    response = client.post(reverse("forloeb:forloeb_rediger", args=[forloeb.pk]), data)
    assert response.status_code == 302, response.content.decode()

    client.force_login(scenarie.teamleder)
    response = client.get(reverse("privacy:historik", args=[forloeb.pk]))
    assert response.status_code == 200
    aendringer = list(response.context["side"].object_list)
    # A new goal is a new element of the agreement: a new version to hand out, in history too.
    assert aendringer[0].objekt.startswith("Mentoraftale") and aendringer[0].handling == "oprettet"
    nyeste = next(a for a in aendringer if a.objekt == f"Forløb #{forloeb.pk}")
    assert nyeste.handling == "ændret"
    assert nyeste.bruger == str(sb)
    assert [(f.felt, f.foer, f.efter) for f in nyeste.felter] == [
        ("konkret mål", HEMMELIG_MAAL, "Nyt mål: fleksjob i foråret")
    ]
    html = response.content.decode()
    assert "Nyt mål: fleksjob i foråret" in html and str(sb) in html
    assert "Møde" in html and "oprettet" in html


@pytest.mark.parametrize(
    "rolle",
    [
        "mentor_a",
        "mentor_b",
        "fremmed_teamleder",
        "fremmed_sagsbehandler",
        "koordinator",
        "administrator",
        "anden_kommune",
    ],
)
def test_historik_kun_for_teamleder_og_sagsbehandler(scenarie, client, rolle):
    client.force_login(getattr(scenarie, rolle))
    response = client.get(reverse("privacy:historik", args=[scenarie.forloeb_b.pk]))
    assert response.status_code == 404


def test_historik_for_sagsbehandler_og_logges(scenarie, client):
    client.force_login(scenarie.sagsbehandler)
    response = client.get(reverse("privacy:historik", args=[scenarie.forloeb_b.pk]))
    assert response.status_code == 200
    row = Adgangslog.objects.get(bruger=scenarie.sagsbehandler)
    assert row.handling == Handling.VIS_FORLOEB
    assert row.forloeb == scenarie.forloeb_b and row.borger == scenarie.borger_b


def test_historik_antal_forespoergsler_vokser_ikke_med_aendringerne(
    scenarie, client, django_assert_max_num_queries
):
    client.force_login(scenarie.teamleder)
    url = reverse("privacy:historik", args=[scenarie.forloeb_b.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    forloeb = scenarie.forloeb_b
    for n in range(15):
        forloeb.refresh_from_db()
        services.opdater_forloeb(
            user=scenarie.sagsbehandler, forloeb=forloeb, version=forloeb.version, maal=f"Mål {n}"
        )
        services.registrer_moede(
            user=scenarie.sagsbehandler,
            forloeb=forloeb,
            type="opfoelgning",
            dato=forloeb.bevillinger.get().start + timedelta(days=n),
            referat=f"Referat {n}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Mål 14" in response.content.decode()


def test_historik_sideopdeles(client, db):
    forloeb = aktivt_forloeb()
    for n in range(60):
        forloeb.refresh_from_db()
        services.opdater_forloeb(
            user=forloeb.sagsbehandler,
            forloeb=forloeb,
            version=forloeb.version,
            ud_over_normalt=f"M{n}",
        )
    client.force_login(forloeb.sagsbehandler)
    url = reverse("privacy:historik", args=[forloeb.pk])
    first = client.get(url).content.decode()
    assert "Side 1 af 2" in first and "M59" in first
    second = client.get(url, {"side": 2}).content.decode()
    assert "Side 2 af 2" in second and "M59" not in second


def test_historikken_viser_danske_feltnavne_og_deltagere_ikke_koder(client):
    from django.utils import timezone

    forloeb = aktivt_forloeb()
    sb = forloeb.sagsbehandler
    services.registrer_opfoelgning(
        user=sb,
        forloeb=forloeb,
        dato=timezone.localdate(),
        leveret="ja",
        kontakt_som_bevilget=True,
    )
    services.registrer_moede(
        user=sb,
        forloeb=forloeb,
        type="opstart",
        dato=timezone.localdate(),
        deltagere=["borger", "netvaerk"],
    )
    client.force_login(sb)
    html = client.get(reverse("privacy:historik", args=[forloeb.pk])).content.decode()
    assert "Udført af" in html and "Oprettet af" in html
    assert "Udfoert" not in html and "udfoert" not in html
    assert "Borger, Netværk" in html and "netvaerk" not in html
