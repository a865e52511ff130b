"""Stikprøve: N random courses from the leader's teams, pre-filled finding, the reviewer's
verdict, and a saved report with the share passing each STAR point."""

import pytest
from django.core.exceptions import ValidationError

from compliance import services
from compliance.models import StikproeveSag
from core.models import Adgangslog, Handling
from forloeb.models import Forloeb
from organisation.models import Rolle
from tests.factories import TeamFactory, user_with_role

from .conftest import kompliant_forloeb

pytestmark = pytest.mark.django_db

ALLE_OPFYLDT = {
    "formaal": "opfyldt",
    "opgaver": "opfyldt",
    "kvalifikationer": "opfyldt",
    "aftale": "opfyldt",
    "opfoelgning": "opfyldt",
    "kontakt": "opfyldt",
}


@pytest.fixture
def team_med_forloeb(today, now):
    team = TeamFactory()
    leder = user_with_role(Rolle.TEAMLEDER, team=team)
    forloeb = [kompliant_forloeb(today, team=team) for _ in range(4)]
    Forloeb.objects.filter(pk=forloeb[0].pk).update(opgaver="")
    fremmed = kompliant_forloeb(today)
    services.scan(now)
    return team, leder, forloeb, fremmed


def test_stikproeve_traekker_n_forloeb_fra_lederens_teams(team_med_forloeb):
    team, leder, forloeb, fremmed = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=3)
    ids = set(stikproeve.sager.values_list("forloeb_id", flat=True))
    assert len(ids) == 3
    assert ids <= {f.pk for f in forloeb}
    assert fremmed.pk not in ids


def test_systemets_fund_er_forudfyldt(team_med_forloeb):
    team, leder, forloeb, _ = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=10, team=team)
    assert stikproeve.antal == 4  # only four active courses in the team
    sag = stikproeve.sager.get(forloeb=forloeb[0])
    assert sag.systemfund["opgaver"] is False
    assert sag.opgaver == "ikke_opfyldt"
    assert sag.formaal == "opfyldt"
    andre = stikproeve.sager.exclude(forloeb=forloeb[0])
    assert all(s.systemfund["opgaver"] for s in andre)


def test_stikproeve_kun_i_egne_teams(team_med_forloeb):
    _team, leder, _forloeb, _fremmed = team_med_forloeb
    with pytest.raises(ValidationError) as exc:
        services.opret_stikproeve(user=leder, antal=2, team=TeamFactory())
    assert "team" in exc.value.message_dict


def test_rapport_viser_andel_der_opfylder_hvert_punkt(client, team_med_forloeb):
    team, leder, forloeb, _ = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=4, team=team)
    for sag in stikproeve.sager.all():
        vurdering = dict(ALLE_OPFYLDT)
        if sag.forloeb_id in (forloeb[0].pk, forloeb[1].pk):
            vurdering["kontakt"] = "ikke_opfyldt"
        services.vurder_stikproevesag(user=leder, sag=sag, vurderinger=vurdering, kommentar="ok")
    services.afslut_stikproeve(user=leder, stikproeve=stikproeve)
    client.force_login(leder)
    html = client.get(f"/compliance/stikproever/{stikproeve.pk}/rapport/").content.decode()
    kontakt = html.split('id="punkt-kontakt"')[1].split("</tr>")[0]
    assert "2 / 4" in kontakt and "50 %" in kontakt
    formaal = html.split('id="punkt-formaal"')[1].split("</tr>")[0]
    assert "4 / 4" in formaal and "100 %" in formaal


def test_afslutning_kraever_alle_sager_vurderet(team_med_forloeb):
    team, leder, _forloeb, _ = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=2, team=team)
    with pytest.raises(ValidationError):
        services.afslut_stikproeve(user=leder, stikproeve=stikproeve)


def test_vurdering_via_formular_og_visning_logges(client, team_med_forloeb):
    team, leder, _forloeb, _ = team_med_forloeb
    client.force_login(leder)
    response = client.post("/compliance/stikproever/", {"antal": "2", "team": team.pk})
    assert response.status_code == 302
    sag = StikproeveSag.objects.order_by("pk").first()
    assert client.get(f"/compliance/stikproever/sag/{sag.pk}/").status_code == 200
    assert Adgangslog.objects.filter(
        handling=Handling.VIS_FORLOEB, forloeb=sag.forloeb, bruger=leder
    ).exists()
    response = client.post(
        f"/compliance/stikproever/sag/{sag.pk}/", {**ALLE_OPFYLDT, "kontakt": ""}
    )
    assert response.status_code == 400
    assert "kontakt" in response.context["form"].errors
    response = client.post(
        f"/compliance/stikproever/sag/{sag.pk}/", {**ALLE_OPFYLDT, "kommentar": "Fin sag."}
    )
    assert response.status_code == 302
    sag.refresh_from_db()
    assert sag.vurderet_af == leder and sag.kommentar == "Fin sag."


def test_ugyldigt_antal_giver_feltfejl(client, team_med_forloeb):
    _team, leder, _f, _ = team_med_forloeb
    client.force_login(leder)
    response = client.post("/compliance/stikproever/", {"antal": "0"})
    assert response.status_code == 400
    assert "antal" in response.context["form"].errors


def test_anden_teamleder_faar_404_paa_stikproeven(client, team_med_forloeb):
    team, leder, _f, _ = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=2, team=team)
    client.force_login(user_with_role(Rolle.TEAMLEDER))
    assert client.get(f"/compliance/stikproever/{stikproeve.pk}/").status_code == 404


def test_afslutning_beder_om_bekraeftelse_og_den_afsluttede_stikproeve_er_laast(
    client, team_med_forloeb
):
    team, leder, _forloeb, _ = team_med_forloeb
    stikproeve = services.opret_stikproeve(user=leder, antal=2, team=team)
    for sag in stikproeve.sager.all():
        services.vurder_stikproevesag(
            user=leder, sag=sag, vurderinger=ALLE_OPFYLDT, kommentar="Fin sag."
        )
    client.force_login(leder)
    url = f"/compliance/stikproever/{stikproeve.pk}/"
    html = client.get(url).content.decode()
    # The button is a link to the confirmation, not the POST itself.
    assert 'href="?bekraeft=afslut#bekraeft-afslut"' in html
    assert 'name="afslut"' not in html
    html = client.get(url, {"bekraeft": "afslut"}).content.decode()
    assert "Vil du afslutte stikprøven?" in html
    assert "kan vurderingerne ikke ændres" in html and 'name="afslut"' in html
    stikproeve.refresh_from_db()
    assert stikproeve.afsluttet is None
    response = client.post(url, {"afslut": "1"}, follow=True)
    assert "Stikprøven er afsluttet." in response.content.decode()
    stikproeve.refresh_from_db()
    assert stikproeve.afsluttet is not None

    sag = stikproeve.sager.order_by("pk").first()
    sag_url = f"/compliance/stikproever/sag/{sag.pk}/"
    html = client.get(sag_url).content.decode()
    assert 'data-testid="laast"' in html and "kan læses, men ikke ændres" in html
    assert '<form method="post" novalidate>' not in html and "Gem vurdering" not in html
    assert "Fin sag." in html
    # A stale form's save gets the reason, not a bare 400.
    response = client.post(sag_url, {**ALLE_OPFYLDT, "kommentar": "Ændret"})
    assert response.status_code == 400
    assert "kan læses, men ikke ændres" in response.content.decode()
    sag.refresh_from_db()
    assert sag.kommentar == "Fin sag."
