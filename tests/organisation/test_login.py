import pytest
from django.urls import reverse

from organisation.models import Rolle
from tests.factories import PASSWORD, UserFactory, user_with_role

START_PAGES = {
    Rolle.SAGSBEHANDLER: "/forloeb/arbejdsliste/",
    Rolle.MENTOR: "/tid/min-uge/",
    Rolle.MENTORKOORDINATOR: "/forloeb/mentorer/",
    Rolle.TEAMLEDER: "/compliance/",
    Rolle.ADMINISTRATOR: "/admin/",
}

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rolle", list(START_PAGES))
def test_hver_rolle_logger_ind_og_lander_paa_sin_startside(client, rolle):
    user = user_with_role(rolle, is_staff=rolle == Rolle.ADMINISTRATOR)
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == START_PAGES[rolle]
    assert response.wsgi_request.user == user

    response = client.post(reverse("logout"), follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert "Du er logget ud" in response.content.decode()


def test_forkert_adgangskode_giver_dansk_fejl(client):
    user = user_with_role(Rolle.MENTOR)
    response = client.post(reverse("login"), {"username": user.username, "password": "forkert"})
    assert response.status_code == 200
    assert "brugernavn og adgangskode" in response.content.decode()


def test_bruger_uden_rolle_ser_intet(client):
    user = UserFactory(roller=[])
    client.force_login(user)
    response = client.get(reverse("start"))
    assert response.status_code == 403
    assert "ingen rolle" in response.content.decode()
    html = response.content.decode()
    for page in START_PAGES.values():
        assert f'href="{page}"' not in html


def test_menuen_viser_kun_rollens_egne_sider(client):
    client.force_login(user_with_role(Rolle.MENTOR))
    html = client.get(reverse("tidsregistrering:min_uge")).content.decode()
    assert 'href="/tid/min-uge/"' in html
    assert 'href="/compliance/"' not in html
    assert 'href="/forloeb/arbejdsliste/"' not in html


def test_login_side_er_dansk_og_tilgaengelig(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="da"' in html
    assert 'for="id_username">Brugernavn</label>' in html
    assert 'name="viewport"' in html
    assert "<main" in html
